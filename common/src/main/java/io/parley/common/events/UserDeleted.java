package io.parley.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An account was deleted: every service erases the person's data in that tenant.
 *
 * @param eventId    random, for following one deletion through the logs of every service
 * @param occurredAt when the deletion was asked for
 */
public record UserDeleted(String eventId, String tenantId, String userId, Instant occurredAt) {

    public UserDeleted {
        requireText(eventId, "eventId");
        requireText(tenantId, "tenantId");
        requireText(userId, "userId");
        if (occurredAt == null) {
            throw new IllegalArgumentException("occurredAt is required");
        }
    }

    /** A new event for the account {@code userId} of {@code tenantId}, now. */
    public static UserDeleted of(String tenantId, String userId) {
        return new UserDeleted(UUID.randomUUID().toString(), tenantId, userId, Instant.now());
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
