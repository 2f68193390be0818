package io.parley.common.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** The Redis Stream of account events: its key, and how an event is written as an entry's fields. */
final class AccountStream {

    static final String TYPE = "type";
    static final String USER_DELETED = "user.deleted";

    private AccountStream() {
    }

    static String key(String keyPrefix) {
        return keyPrefix + "events:accounts";
    }

    static Map<String, String> entry(UserDeleted event) {
        return Map.of(TYPE, USER_DELETED, "eventId", event.eventId(), "tenantId", event.tenantId(),
                "userId", event.userId(), "occurredAt", event.occurredAt().toString());
    }

    /** @return empty when a field is missing or malformed */
    static Optional<UserDeleted> userDeleted(Map<String, String> entry) {
        try {
            return Optional.of(new UserDeleted(entry.get("eventId"), entry.get("tenantId"), entry.get("userId"),
                    Instant.parse(entry.getOrDefault("occurredAt", ""))));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
