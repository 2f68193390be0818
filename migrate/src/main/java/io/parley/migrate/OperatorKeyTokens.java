package io.parley.migrate;

import io.parley.admin.CliException;
import io.parley.admin.Gateway;
import io.parley.admin.OperatorKey;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The installation's operator key exchanged for operator tokens through the gateway, as the admin commands do
 * ({@link OperatorKey}). An operator token is an ADMIN's of one tenant that the services take on their
 * {@code LibreChatImport} only; it lasts minutes, so a new one is asked for shortly before the last one ends and
 * a migration of hours goes on.
 */
final class OperatorKeyTokens implements AdminTokens {

    /** A token with less left than this is renewed: a call started with it has this long to be accepted. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

    private final Gateway gateway;
    private final String key;
    private final Clock clock;
    private OperatorKey.@Nullable Token current;

    OperatorKeyTokens(Gateway gateway, String key, Clock clock) {
        this.gateway = gateway;
        this.key = key;
        this.clock = clock;
    }

    @Override
    public synchronized String token(@Nullable String tenant) {
        if (current == null || !current.expiresAt().minus(RENEW_BEFORE).isAfter(clock.instant())) {
            try {
                current = OperatorKey.exchange(gateway, key, tenant);
            } catch (CliException e) {
                throw new MigrationStopped("the operator key (" + OperatorKey.VARIABLE + ") was not exchanged for a "
                        + "token at " + gateway.address() + ": " + e.getMessage());
            }
        }
        return current.token();
    }

    @Override
    public synchronized @Nullable String tenant() {
        return current == null || current.tenant().isEmpty() ? null : current.tenant();
    }
}
