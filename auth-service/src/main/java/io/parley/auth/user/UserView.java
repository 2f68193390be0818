package io.parley.auth.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user as LibreChat's client receives one (login, refresh, {@code GET /api/user}): its
 * whitelisted fields, never the password hash or 2FA secrets.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserView(@JsonProperty("_id") String mongoId, String id, String name, String username, String email,
                       boolean emailVerified, String avatar, String provider, String role, List<String> plugins,
                       boolean twoFactorEnabled, boolean termsAccepted, Map<String, Object> personalization,
                       List<Favorite> favorites, Instant createdAt, Instant updatedAt, String tenantId) {

    public static UserView of(User user) {
        return new UserView(user.idString(), user.idString(), user.name(), user.username(), user.email(),
                user.emailVerified(), user.avatar(), user.provider(), user.role(),
                user.plugins() == null ? List.of() : user.plugins(), user.twoFactorEnabled(), user.termsAccepted(),
                Map.of("memories", user.memoriesEnabled()),
                user.favorites() == null ? List.of() : user.favorites(), user.createdAt(), user.updatedAt(), user.tenantId());
    }
}
