package io.parley.chat.provider.wire;

import io.parley.chat.provider.ModelRequest;
import io.parley.chat.provider.ModelRequest.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/** Shapes a conversation for protocols that insist on strictly alternating turns. */
public final class RoleAlternation {

    private RoleAlternation() {
    }

    /**
     * The messages with empty ones dropped (Anthropic and Gemini reject empty text) and neighbours of the
     * same role joined by a blank line, the way LibreChat folds a user's repeated sends.
     */
    public static List<ChatMessage> alternating(List<ChatMessage> messages) {
        List<ChatMessage> merged = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            boolean blank = message.text() == null || message.text().isBlank();
            if (blank && message.images().isEmpty()) {
                continue;
            }
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).role() == message.role()) {
                ChatMessage before = merged.get(last);
                String text = joined(before.text(), message.text());
                List<ModelRequest.Image> images = new ArrayList<>(before.images());
                images.addAll(message.images());
                merged.set(last, new ChatMessage(message.role(), text, List.of(), null, images));
            } else {
                merged.add(message);
            }
        }
        return merged;
    }

    private static String joined(String first, String second) {
        if (first == null || first.isBlank()) {
            return second == null ? "" : second;
        }
        return second == null || second.isBlank() ? first : first + "\n\n" + second;
    }
}
