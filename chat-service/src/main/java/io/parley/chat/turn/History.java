package io.parley.chat.turn;

import io.parley.chat.message.ContentPart;
import io.parley.chat.message.Message;
import io.parley.chat.provider.ModelRequest;
import io.parley.chat.provider.ModelRequest.ChatMessage;
import io.parley.chat.provider.ModelRequest.Role;
import io.parley.chat.support.Ids;
import io.parley.chat.support.TokenCounter;
import io.parley.common.error.ApiException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the model is shown: the branch of the conversation tree that leads to the new message
 * (following {@code parentMessageId} up to the root), oldest first, cut from the oldest end to fit
 * the context window.
 */
@Component
class History {

    /** Per-message framing tokens of chat formats (role markers and separators). */
    private static final int PER_MESSAGE = 4;

    private final TokenCounter tokens;

    History(TokenCounter tokens) {
        this.tokens = tokens;
    }

    /** The messages from the root down to {@code leafId} (inclusive); empty for {@link Ids#NO_PARENT}. */
    static List<Message> branch(Map<String, Message> byId, String leafId) {
        Deque<Message> branch = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        String id = leafId;
        while (id != null && !Ids.NO_PARENT.equals(id) && seen.add(id)) {
            Message message = byId.get(id);
            if (message == null) {
                break;
            }
            branch.addFirst(message);
            id = message.parentMessageId();
        }
        return List.copyOf(branch);
    }

    /** The text a stored message contributes: its text, or the text parts of its content. */
    static String textOf(Message message) {
        String text = message.text();
        if (text != null && !text.isBlank()) {
            return text;
        }
        StringBuilder all = new StringBuilder();
        for (ContentPart part : message.parts()) {
            if (part instanceof ContentPart.Text(String chunk, var extra)) {
                all.append(chunk);
            }
        }
        return all.toString();
    }

    /**
     * The request for the model. {@code messages} ends with the message being answered (or the
     * partial answer being continued); older ones are dropped until everything fits in
     * {@code maxContextTokens}.
     *
     * @throws ApiException.Invalid when even the newest message and the instructions do not fit
     */
    ModelRequest request(String model, @Nullable String instructions, List<ChatMessage> messages, Map<String, Object> parameters,
                         String user, int maxContextTokens) {
        int used = instructions == null || instructions.isBlank() ? 0 : tokens.count(instructions) + PER_MESSAGE;
        List<ChatMessage> kept = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0; i--) {
            ChatMessage message = messages.get(i);
            int cost = tokens.count(message.text()) + PER_MESSAGE;
            if (used + cost > maxContextTokens) {
                if (kept.stream().noneMatch(m -> m.role() == Role.USER)) {
                    throw ApiException.Invalid.field("text", "is too long for the model's context window ("
                            + (used + cost) + " tokens, at most " + maxContextTokens + ")");
                }
                break;
            }
            used += cost;
            kept.addFirst(message);
        }
        // Providers want the conversation to start with the person, never with a cut-off answer.
        while (!kept.isEmpty() && kept.getFirst().role() == Role.ASSISTANT && kept.size() > 1) {
            kept.removeFirst();
        }
        return new ModelRequest(model, instructions == null || instructions.isBlank() ? null : instructions, kept,
                parameters, user);
    }

    /** The stored branch as model messages; error answers and empty ones are left out. */
    static List<ChatMessage> asChat(List<Message> branch) {
        return asChat(branch, Map.of(), Map.of());
    }

    /**
     * The same, with the images of the person's messages that {@code images} holds (by message id),
     * sent again as LibreChat does ({@code resendFiles}), and the documents {@code documents} holds (by
     * message id) before their text, as LibreChat puts an earlier message's file context.
     */
    static List<ChatMessage> asChat(List<Message> branch, Map<String, List<ModelRequest.Image>> images,
                                    Map<String, String> documents) {
        List<ChatMessage> out = new ArrayList<>();
        for (Message message : branch) {
            if (Boolean.TRUE.equals(message.error())) {
                continue;
            }
            boolean byPerson = message.byPerson();
            String text = byPerson ? joined(documents.get(message.messageId()), textOf(message), "\n")
                    : textOf(message);
            List<ModelRequest.Image> attached = byPerson ? images.getOrDefault(message.messageId(), List.of())
                    : List.of();
            if (!attached.isEmpty()) {
                out.add(ChatMessage.userWithImages(text, attached));
            } else if (!byPerson && steered(message)) {
                out.addAll(withSteers(message));
            } else if (!text.isBlank()) {
                out.add(new ChatMessage(byPerson ? Role.USER : Role.ASSISTANT, text));
            }
        }
        return out;
    }

    private static boolean steered(Message message) {
        return message.parts().stream().anyMatch(part -> "steer".equals(part.type()));
    }

    /**
     * An answer the person steered, as the run saw it: the model's text up to each steer, the steer as the
     * person's message, then the text after it (LibreChat's {@code formatAgentMessages} replays steers so).
     */
    private static List<ChatMessage> withSteers(Message message) {
        List<ChatMessage> out = new ArrayList<>();
        StringBuilder answer = new StringBuilder();
        for (ContentPart part : message.parts()) {
            Map<String, Object> map = part.toMap();
            if ("text".equals(map.get("type")) && map.get("text") instanceof String chunk) {
                answer.append(chunk);
            } else if ("steer".equals(map.get("type")) && map.get("steer") instanceof String steer && !steer.isBlank()) {
                if (!answer.isEmpty() && !answer.toString().isBlank()) {
                    out.add(new ChatMessage(Role.ASSISTANT, answer.toString()));
                }
                answer.setLength(0);
                out.add(new ChatMessage(Role.USER, steer));
            }
        }
        if (!answer.toString().isBlank()) {
            out.add(new ChatMessage(Role.ASSISTANT, answer.toString()));
        }
        return out;
    }

    /**
     * The system prompt with the documents of the message being answered after the instructions (LibreChat
     * adds the latest message's file context to the system message).
     */
    static @Nullable String withDocuments(@Nullable String instructions, String documents) {
        return documents.isBlank() ? instructions : joined(instructions, documents, "\n\n");
    }

    private static String joined(@Nullable String first, String second, String between) {
        return first == null || first.isBlank() ? second : second.isBlank() ? first : first + between + second;
    }

    /**
     * Tokens one message of the person may take with its documents beside {@code instructions} in a window
     * of {@code contextTokens}: what is left after the instructions, the framing of the system message the
     * documents may open and of the message itself, and the seam where documents join.
     */
    int room(@Nullable String instructions, int contextTokens) {
        return contextTokens - tokens.count(instructions) - 3 * PER_MESSAGE;
    }

    int count(ModelRequest request) {
        int total = request.instructions() == null ? 0 : tokens.count(request.instructions()) + PER_MESSAGE;
        for (ChatMessage message : request.messages()) {
            total += tokens.count(message.text()) + PER_MESSAGE;
        }
        return total;
    }
}
