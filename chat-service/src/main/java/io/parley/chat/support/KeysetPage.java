package io.parley.chat.support;

import java.util.List;
import org.bson.Document;

/**
 * One page of a keyset list: a query fetches one item more than the page holds, and that extra item
 * tells whether a next page exists; the cursor then points after the last item shown.
 *
 * @param nextCursor null on the last page
 */
public record KeysetPage(List<Document> items, String nextCursor) {

    public static KeysetPage of(List<Document> fetched, PageRequest page) {
        if (fetched.size() <= page.size()) {
            return new KeysetPage(fetched, null);
        }
        List<Document> shown = fetched.subList(0, page.size());
        return new KeysetPage(shown, page.order().cursorAfter(shown.getLast()));
    }
}
