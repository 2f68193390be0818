package io.parley.auth.user;

import org.jspecify.annotations.Nullable;

/**
 * A person's personalization, stored on the user as LibreChat stores it ({@code personalization.memories}).
 *
 * @param memories whether chats may use the person's memories; null when never set, which LibreChat's
 *                 schema defaults to true
 */
public record Personalization(@Nullable Boolean memories) {

    /** The switch as LibreChat shows it: on unless the person turned it off. */
    public boolean memoriesEnabled() {
        return !Boolean.FALSE.equals(memories);
    }
}
