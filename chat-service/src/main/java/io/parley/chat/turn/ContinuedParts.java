package io.parley.chat.turn;

import io.parley.chat.message.ContentPart;
import io.parley.chat.message.Message;
import io.parley.common.error.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The content of an answer that a turn continues (LibreChat's {@code isContinued}). */
final class ContinuedParts {

    private ContinuedParts() {
    }

    /**
     * The answer's parts without its error parts (a plain-text answer as one text part), edited as
     * asked: the part at {@code edit.index} takes the new text and the parts after it are dropped.
     *
     * @throws ApiException.Invalid when the edit names no text or think part of the answer
     */
    static List<ContentPart> edited(Message response, TurnRequest.@Nullable EditedContent edit) {
        List<ContentPart> parts = new ArrayList<>();
        for (ContentPart part : response.parts()) {
            if (!"error".equals(part.type())) {
                parts.add(part);
            }
        }
        if (parts.isEmpty() && response.text() != null && !response.text().isEmpty()) {
            parts.add(new ContentPart.Text(response.text()));
        }
        if (edit == null) {
            return parts;
        }
        String type = edit.type();
        String value = "think".equals(type) ? edit.think() : edit.text();
        if (edit.index() == null || edit.index() < 0 || edit.index() >= parts.size() || value == null
                || !type.equals(parts.get(edit.index()).type())) {
            throw ApiException.Invalid.field("editedContent", "must name an existing text or think part");
        }
        parts.set(edit.index(), parts.get(edit.index()).with(type, value));
        return List.copyOf(parts.subList(0, edit.index() + 1));
    }

    /** The text of the parts, which the model is shown as its answer so far. */
    static String text(List<ContentPart> parts) {
        return parts.stream().filter(p -> "text".equals(p.type())).map(p -> String.valueOf(p.get("text")))
                .reduce("", String::concat);
    }
}
