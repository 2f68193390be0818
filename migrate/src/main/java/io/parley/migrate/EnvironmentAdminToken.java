package io.parley.migrate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The token in {@code PARLEY_ADMIN_TOKEN}: the {@code token} of {@code POST /api/auth/login} as an ADMIN of the
 * tenant. Its claims are read (not verified: the services do that) to say early and plainly what is wrong with
 * it: not an ADMIN's, another tenant's, expired.
 */
final class EnvironmentAdminToken implements AdminTokens {

    static final String VARIABLE = "PARLEY_ADMIN_TOKEN";

    private final @Nullable String token;

    EnvironmentAdminToken(@Nullable String token) {
        this.token = token == null || token.isBlank() ? null : token.trim();
    }

    @Override
    public String token(@Nullable String tenant) {
        if (token == null) {
            throw new MigrationStopped(VARIABLE + " is not set: sign in as an ADMIN of the tenant (POST /api/auth/login "
                    + "through the gateway) and set it to the token of the answer");
        }
        Document claims = claims(token);
        if (!"ADMIN".equals(claims.get("role"))) {
            throw new MigrationStopped(VARIABLE + " is not an ADMIN's token (role " + claims.get("role") + ")");
        }
        if (tenant != null && !tenant.equals(claims.get("tenant"))) {
            throw new MigrationStopped(VARIABLE + " is a token of tenant " + claims.get("tenant") + ", not of " + tenant);
        }
        if (claims.get("exp") instanceof Number exp && Instant.ofEpochSecond(exp.longValue()).isBefore(Instant.now())) {
            throw new MigrationStopped(VARIABLE + " has expired: sign in again and run the command again (what was "
                    + "written stays)");
        }
        return token;
    }

    @Override
    public @Nullable String tenant() {
        return token == null ? null : claims(token).get("tenant") instanceof String t ? t : null;
    }

    private static Document claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            throw new MigrationStopped(VARIABLE + " is not a JSON Web Token");
        }
        try {
            return Document.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new MigrationStopped(VARIABLE + " is not a JSON Web Token");
        }
    }
}
