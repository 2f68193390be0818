package io.parley.chat.search;

import io.parley.chat.support.QueryNumbers;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search/enable} (LibreChat) and the specification's page-based {@code GET /api/search}
 * over the caller's messages. LibreChat's client searches through {@code /api/convos?search=} and
 * {@code /api/messages?search=}, which use the same {@link ChatSearch}.
 */
@RestController
@RequestMapping("/api/search")
class SearchController {

    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_HITS = 1000;

    private final ChatSearch search;

    SearchController(ChatSearch search) {
        this.search = search;
    }

    @GetMapping("/enable")
    boolean enabled() {
        return search.enabled();
    }

    /** Nothing to switch on: search always answers; kept for the specification's route. */
    @PostMapping("/enable")
    boolean enable() {
        return search.enabled();
    }

    @GetMapping({"", "/"})
    Map<String, Object> search(CurrentUser caller, @RequestParam(required = false) String q,
                               @RequestParam(required = false) String text, @RequestParam(defaultValue = "1") String page,
                               @RequestParam(defaultValue = "25") String pageSize) {
        String query = q != null ? q : text;
        if (query == null || query.isBlank() || query.length() > 256) {
            throw ApiException.Invalid.field("q", "must be 1 to 256 characters");
        }
        int number = QueryNumbers.between("page", page, 1, Integer.MAX_VALUE);
        int size = QueryNumbers.between("pageSize", pageSize, 1, MAX_PAGE_SIZE);
        List<Document> hits = search.messages(caller.tenantId(), caller.id(), query.trim(), MAX_HITS);
        int from = (int) Math.min((long) (number - 1) * size, hits.size());
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Document hit : hits.subList(from, Math.min(from + size, hits.size()))) {
            shown.add(Map.of("messageId", hit.getString("messageId"), "conversationId", hit.getString("conversationId"),
                    "text", hit.getString("text") == null ? "" : hit.getString("text"),
                    "sender", hit.getString("sender") == null ? "" : hit.getString("sender"),
                    "isCreatedByUser", Boolean.TRUE.equals(hit.getBoolean("isCreatedByUser"))));
        }
        int pages = Math.max(1, (hits.size() + size - 1) / size);
        return Map.of("messages", shown, "pageNumber", number, "pageSize", size, "pages", pages, "total", hits.size());
    }

}
