package io.parley.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How a command becomes an ADMIN of the tenant it means, first found first:
 * <ol>
 *   <li>{@code PARLEY_ADMIN_TOKEN}: an ADMIN's access token (from the browser, say);</li>
 *   <li>{@code --admin-email} ({@code PARLEY_ADMIN_EMAIL}) with {@code PARLEY_ADMIN_PASSWORD} or a prompt:
 *       an ADMIN's own sign-in (not with two-factor authentication on: use the token then);</li>
 *   <li>the installation's operator key ({@code PARLEY_OPERATOR_KEY}, or the file named by
 *       {@code --operator-key-file} / {@code PARLEY_OPERATOR_KEY_FILE}), exchanged for a short-lived
 *       operator token — what works on a fresh installation and in a Kubernetes Job.</li>
 * </ol>
 * The tenant is the gateway's, from the address used; it must be the one meant ({@code --tenant}, else
 * {@code default}), or nothing is done.
 */
final class SignIn {

    private SignIn() {
    }

    static void into(Gateway gateway, String tenant, @Nullable String adminEmail, @Nullable String keyFile,
                     Map<String, String> env, Console console) {
        String adminToken = env.get("PARLEY_ADMIN_TOKEN");
        String email = adminEmail != null ? adminEmail : env.get("PARLEY_ADMIN_EMAIL");
        if (notBlank(adminToken)) {
            requireTenant(adminToken, tenant, gateway);
            gateway.signedInWith(adminToken.trim());
        } else if (notBlank(email)) {
            String password = env.get("PARLEY_ADMIN_PASSWORD");
            if (!notBlank(password)) {
                password = console.askSecret("Password of " + email + ":", "the admin's password (PARLEY_ADMIN_PASSWORD)");
            }
            JsonNode session = gateway.send("POST", "/api/auth/login", Map.of("email", email, "password", password));
            if (!session.path("token").isString()) {
                throw new CliException("this account signs in with a second factor: use PARLEY_ADMIN_TOKEN instead");
            }
            String token = session.get("token").asString();
            requireTenant(token, tenant, gateway);
            gateway.signedInWith(token);
        } else if (OperatorKey.from(env, keyFile) instanceof String key) {
            gateway.signedInWith(OperatorKey.exchange(gateway, key, tenant).token());
        } else {
            throw new CliException("no credentials: set PARLEY_OPERATOR_KEY (or --operator-key-file), "
                    + "PARLEY_ADMIN_TOKEN, or --admin-email with PARLEY_ADMIN_PASSWORD", CliException.USAGE);
        }
    }

    /** A token of another tenant would be refused at the gateway anyway; this says why, before anything is sent. */
    private static void requireTenant(String token, String tenant, Gateway gateway) {
        String[] parts = token.trim().split("\\.");
        String claimed = null;
        if (parts.length == 3) {
            try {
                claimed = Gateway.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                        .path("tenant").asString(null);
            } catch (RuntimeException e) {
                // not a token of ours: the gateway will say so
            }
        }
        if (claimed != null && !claimed.equals(tenant)) {
            throw new CliException("the admin's token is of the tenant '" + claimed + "', not '" + tenant
                    + "' (--tenant), at " + gateway.address());
        }
    }

    private static boolean notBlank(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
