package io.parley.auth.admin;

import io.parley.auth.user.User;
import java.time.Instant;

/** A user as an admin lists them: no password hash, no secrets. */
record UserSummary(String id, String name, String username, String email, String role, String provider,
                   Instant createdAt) {

    static UserSummary of(User user) {
        return new UserSummary(user.idString(), user.name(), user.username(), user.email(), user.role(),
                user.provider(), user.createdAt());
    }
}
