package io.parley.chat.provider;

import io.parley.chat.provider.ModelRequest.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/** Shapes a conversation for protocols that insist on strictly alternating turns. */
final class Turns {

    private Turns() {
    }

    /**
     * The messages with empty ones dropped (Anthropic and Gemini reject empty text) and neighbours of the
     * same role joined by a blank line, the way LibreChat folds a user's repeated sends.
     */
    static List<ChatMessage> alternating(List<ChatMessage> messages) {
        List<ChatMessage> merged = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            if (message.text() == null || message.text().isBlank()) {
                continue;
            }
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).role() == message.role()) {
                merged.set(last, new ChatMessage(message.role(), merged.get(last).text() + "\n\n" + message.text()));
            } else {
                merged.add(message);
            }
        }
        return merged;
    }
}
