package io.parley.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The installation's operator key ({@code PARLEY_OPERATOR_KEY}, or the file {@code PARLEY_OPERATOR_KEY_FILE}
 * names) and its exchange for a short-lived operator token at auth-service's {@code POST /api/auth/operator/token}
 * through the gateway: how the admin commands and {@code ./parley migrate-librechat} get in on a fresh
 * installation or in a Kubernetes Job. The key travels in the body only, never in a URL or a header.
 */
public final class OperatorKey {

    public static final String VARIABLE = "PARLEY_OPERATOR_KEY";
    public static final String FILE_VARIABLE = "PARLEY_OPERATOR_KEY_FILE";

    private OperatorKey() {
    }

    /** An operator token, the tenant it is for and when it ends. */
    public record Token(String token, String tenant, Instant expiresAt) {
    }

    /**
     * The key from {@code PARLEY_OPERATOR_KEY}, else from {@code keyFile}, else from the file
     * {@code PARLEY_OPERATOR_KEY_FILE} names; null when none is given.
     *
     * @throws CliException when the file named cannot be read or is empty
     */
    public static @Nullable String from(Map<String, String> env, @Nullable String keyFile) {
        String key = env.get(VARIABLE);
        if (key != null && !key.isBlank()) {
            return key.trim();
        }
        String file = keyFile != null ? keyFile : env.get(FILE_VARIABLE);
        return file == null || file.isBlank() ? null : read(file);
    }

    /**
     * @param tenant the tenant meant; null for the one the gateway serves at its address
     * @throws CliException with the installation's refusal (a wrong key, operator access off, another tenant's
     *                      address) or when the gateway cannot be reached
     */
    public static Token exchange(Gateway gateway, String key, @Nullable String tenant) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("key", key);
        if (tenant != null) {
            body.put("tenant", tenant);
        }
        JsonNode issued = gateway.send("POST", "/api/auth/operator/token", body);
        if (!issued.path("token").isString()) {
            throw new CliException("the installation at " + gateway.address() + " answered the operator key without a token");
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.parse(issued.path("expiresAt").asString(""));
        } catch (RuntimeException e) {
            // an answer without its end: asked again before every use
            expiresAt = Instant.EPOCH;
        }
        return new Token(issued.get("token").asString(), issued.path("tenant").asString(tenant == null ? "" : tenant),
                expiresAt);
    }

    private static String read(String file) {
        try {
            String key = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
            if (key.isEmpty()) {
                throw new CliException("the operator key file " + file + " is empty");
            }
            return key;
        } catch (IOException e) {
            throw new CliException("cannot read the operator key file " + file + ": " + e.getMessage());
        }
    }
}
