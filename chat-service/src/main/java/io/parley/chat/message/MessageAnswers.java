package io.parley.chat.message;

import io.parley.chat.support.ApiDocs;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What LibreChat answers to a change of a message: a few of its fields, each present, null when the message
 * lacks it. Values are as the client reads them ({@link Message#json()}).
 */
final class MessageAnswers {

    private MessageAnswers() {
    }

    /** {@code PUT /api/messages/:conversationId/:messageId}. */
    record TextChanged(@Nullable Object messageId, @Nullable Object conversationId, @Nullable Object parentMessageId,
                       @Nullable Object sender, @Nullable Object text, @Nullable Object isCreatedByUser,
                       @Nullable Object tokenCount, @Nullable Object feedback, @Nullable Object endpoint,
                       @Nullable Object content) {

        static TextChanged of(Message saved) {
            Map<String, Object> shown = saved.json();
            return new TextChanged(shown.get("messageId"), shown.get("conversationId"), shown.get("parentMessageId"),
                    shown.get("sender"), shown.get("text"), shown.get("isCreatedByUser"), shown.get("tokenCount"),
                    shown.get("feedback"), shown.get("endpoint"), shown.get("content"));
        }
    }

    /** {@code PUT …/feedback}: the feedback as stored, null once cleared. */
    record FeedbackChanged(@Nullable String messageId, @Nullable String conversationId, @Nullable Object feedback) {

        static FeedbackChanged of(Message saved) {
            return new FeedbackChanged(saved.messageId(), saved.conversationId(), ApiDocs.value(saved.stored("feedback")));
        }
    }

    /** {@code POST /api/messages/artifact/:messageId}. */
    record ArtifactEdited(@Nullable String conversationId, @Nullable Object content, @Nullable String text) {
    }
}
