package io.parley.chat.turn;

import io.parley.chat.message.ContentPart;
import java.time.Instant;
import io.parley.chat.message.Message;
import io.parley.chat.convo.Convos;
import io.parley.chat.message.Messages;
import io.parley.chat.stream.JobInfo.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    record Saved(Message response, Map<String, Object> conversation) {
    }

    Saved save(TurnRecord turn, List<ContentPart> parts, int completionTokens, int promptTokens, Status status) {
        Message response = message(turn, parts, completionTokens, promptTokens, status).build();
        Message saved = turn.earlierParts().isEmpty() ? messages.insertNew(response) : messages.save(response);
        return new Saved(saved,
                convos.touchAndGet(turn.tenantId(), turn.user(), turn.conversationId(), Map.of()).json());
    }

    /** Saves an answer that is only its text (LibreChat's {@code token_balance} refusal). */
    void saveText(TurnRecord turn, String text, int promptTokens, Status status) {
        messages.save(message(turn, List.of(), 0, promptTokens, status).text(text).build());
    }

    private static Message.Builder message(TurnRecord turn, List<ContentPart> parts, int completionTokens,
                                           int promptTokens, Status status) {
        Instant now = Message.now();
        Message.Builder response = Message.of(turn.tenantId(), turn.user())
                .messageId(turn.responseMessageId()).conversationId(turn.conversationId())
                .parentMessageId(turn.parentMessageId())
                .isCreatedByUser(false).model(turn.responseModel()).sender(turn.sender())
                .set("promptTokens", promptTokens).endpoint(turn.endpoint())
                .text("").content(parts).tokenCount(completionTokens)
                .unfinished(status == Status.ABORTED).error(status == Status.ERROR)
                .createdAt(now).updatedAt(now);
        if (turn.iconURL() != null) {
            response.iconURL(turn.iconURL());
        }
        return response;
    }

    /**
     * A continued answer keeps its parts; new text (or reasoning) joins its last part when the types match.
     * Other parts (a steer, a tool call) never join.
     */
    static List<ContentPart> merged(List<ContentPart> earlier, List<ContentPart> added) {
        List<ContentPart> parts = new ArrayList<>(earlier);
        for (ContentPart part : added) {
            ContentPart last = parts.isEmpty() ? null : parts.getLast();
            switch (part) {
                case ContentPart.Text text when last instanceof ContentPart.Text before ->
                        parts.set(parts.size() - 1, new ContentPart.Text(before.text() + text.text(), before.extra()));
                case ContentPart.Think think when last instanceof ContentPart.Think before ->
                        parts.set(parts.size() - 1, new ContentPart.Think(before.think() + think.think(), before.extra()));
                default -> parts.add(part);
            }
        }
        return parts;
    }
}
