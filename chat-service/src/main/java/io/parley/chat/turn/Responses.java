package io.parley.chat.turn;

import io.parley.chat.convo.Convos;
import io.parley.chat.message.Messages;
import io.parley.chat.stream.JobInfo.Status;
import io.parley.chat.support.ApiDocs;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Saving a turn's answer, whole or, when the turn failed or was stopped, partial and marked as
 * LibreChat marks it ({@code unfinished} when stopped, {@code error} when failed). The one way an answer
 * is saved, by the instance running the turn and by one that took it over.
 */
@Component
class Responses {

    private final Messages messages;
    private final Convos convos;

    Responses(Messages messages, Convos convos) {
        this.messages = messages;
        this.convos = convos;
    }

    /** The saved answer, and its conversation as the final event shows it. */
    record Saved(Document response, Map<String, Object> conversation) {
    }

    Saved save(TurnRecord turn, List<Map<String, Object>> parts, int completionTokens, int promptTokens, Status status) {
        Document response = document(turn, parts, completionTokens, promptTokens, status);
        Document saved = turn.earlierParts().isEmpty() ? messages.insertNew(response) : messages.save(response);
        return new Saved(saved,
                ApiDocs.of(convos.touchAndGet(turn.tenantId(), turn.user(), turn.conversationId(), Map.of())));
    }

    /** Saves an answer that is only its text (LibreChat's {@code token_balance} refusal). */
    void saveText(TurnRecord turn, String text, int promptTokens, Status status) {
        Document response = document(turn, List.of(), 0, promptTokens, status);
        response.put("text", text);
        messages.save(response);
    }

    private static Document document(TurnRecord turn, List<Map<String, Object>> parts, int completionTokens,
                                     int promptTokens, Status status) {
        Date now = new Date();
        Document response = new Document("tenantId", turn.tenantId()).append("user", turn.user())
                .append("messageId", turn.responseMessageId()).append("conversationId", turn.conversationId())
                .append("parentMessageId", turn.parentMessageId())
                .append("isCreatedByUser", false).append("model", turn.responseModel()).append("sender", turn.sender())
                .append("promptTokens", promptTokens).append("endpoint", turn.endpoint())
                .append("text", "").append("content", parts).append("tokenCount", completionTokens)
                .append("unfinished", status == Status.ABORTED).append("error", status == Status.ERROR)
                .append("createdAt", now).append("updatedAt", now);
        if (turn.iconURL() != null) {
            response.append("iconURL", turn.iconURL());
        }
        return response;
    }

    /**
     * A continued answer keeps its parts; new text (or reasoning) joins its last part when the types match.
     * Other parts (a steer, a tool call) never join.
     */
    static List<Map<String, Object>> merged(List<Map<String, Object>> earlier, List<Map<String, Object>> added) {
        List<Map<String, Object>> parts = new ArrayList<>(earlier);
        for (Map<String, Object> part : added) {
            Map<String, Object> last = parts.isEmpty() ? null : parts.getLast();
            String type = (String) part.get("type");
            boolean joins = "text".equals(type) || "think".equals(type);
            if (joins && last != null && type.equals(last.get("type")) && last.get(type) instanceof String before) {
                Map<String, Object> joined = new LinkedHashMap<>(last);
                joined.put(type, before + part.get(type));
                parts.set(parts.size() - 1, joined);
            } else {
                parts.add(part);
            }
        }
        return parts;
    }

    /** LibreChat's content part naming what went wrong, last in a failed answer. */
    static Map<String, Object> errorPart(String message) {
        return TurnEvents.map("type", "error", "error", message);
    }
}
