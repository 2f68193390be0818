package io.parley.chat.stream;

import java.time.Instant;
import java.util.Map;

/**
 * What is known about a job on every instance (LibreChat's job metadata).
 *
 * @param userMessage the request message as the {@code created} event showed it
 */
public record JobInfo(String streamId, String conversationId, String responseMessageId, String sender,
                      String model, String endpoint, Map<String, Object> userMessage, Instant createdAt,
                      Status status) {

    public enum Status {
        RUNNING, COMPLETE, ERROR, ABORTED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status fromWire(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    JobInfo with(Status next) {
        return new JobInfo(streamId, conversationId, responseMessageId, sender, model, endpoint, userMessage, createdAt, next);
    }
}
