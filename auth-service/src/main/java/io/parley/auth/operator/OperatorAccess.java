package io.parley.auth.operator;

import io.parley.auth.audit.AuditAction;
import io.parley.auth.audit.AuditEvent;
import io.parley.auth.audit.AuditTrail;
import io.parley.auth.token.TokenIssuer;
import io.parley.common.error.ApiException;
import io.parley.common.redis.WindowCounter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Exchanges the operator key for an operator token of the request's tenant. The key is compared in
 * constant time (digests of equal length, {@link MessageDigest#isEqual}) and never logged; wrong keys
 * count per client address like failed sign-ins ({@code LOGIN_MAX} per {@code LOGIN_WINDOW}), and past
 * the limit the key is not even compared. The tenant is the gateway's, from the address the operator
 * used; naming another one is refused, so a command never acts on a tenant its operator did not mean.
 */
@Service
class OperatorAccess {

    static final String OFF = "Operator access is off: PARLEY_OPERATOR_KEY is not set on auth-service";
    static final String WRONG_KEY = "The operator key is not this installation's";

    private static final Logger log = LoggerFactory.getLogger(OperatorAccess.class);

    private final OperatorProperties properties;
    private final TokenIssuer tokens;
    private final WindowCounter counters;
    private final byte[] keyDigest;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    OperatorAccess(OperatorProperties properties, TokenIssuer tokens, WindowCounter counters, AuditTrail audit) {
        this.audit = audit;
        this.properties = properties;
        this.tokens = tokens;
        this.counters = counters;
        this.keyDigest = sha256(properties.key());
        if (properties.enabled()) {
            log.info("Operator access is on (PARLEY_OPERATOR_KEY set); tokens last {}", properties.tokenLifetime());
        }
    }

    /** A token and when it ends. */
    record Issued(String token, String tenant, Instant expiresAt) {
    }

    /**
     * @param tenant      the request's tenant, as the gateway resolved it
     * @param meantTenant the tenant the operator named; null to take the request's
     * @throws ApiException.Forbidden     operator access off, or a wrong key
     * @throws ApiException.LimitExceeded too many wrong keys from this address
     * @throws ApiException.Invalid       no key, or a tenant other than the request's
     */
    Issued exchange(String tenant, String clientIp, String key, String meantTenant) {
        if (!properties.enabled()) {
            throw new ApiException.Forbidden(OFF);
        }
        if (key == null || key.isEmpty()) {
            throw ApiException.Invalid.field("key", "is required");
        }
        String counter = "limit:" + tenant + ":operator-token:" + (clientIp == null ? "unknown" : clientIp);
        WindowCounter.Count count = add(counter, 1);
        if (count != null && count.value() > properties.attemptsMax()) {
            log.warn("Operator key attempts over the limit tenant_id={} client_ip={}", tenant, clientIp);
            throw new ApiException.LimitExceeded("Too many attempts, please try again after "
                    + Math.max(1, properties.attemptsWindow().toMinutes()) + " minutes.");
        }
        if (!MessageDigest.isEqual(keyDigest, sha256(key))) {
            log.warn("Wrong operator key tenant_id={} client_ip={}", tenant, clientIp);
            audit.record(new AuditEvent(tenant, AuditAction.OPERATOR_TOKEN, AuditEvent.Outcome.DENIED,
                    AuditEvent.Actor.operator(), new AuditEvent.Target("tenant", tenant, tenant), java.util.Map.of()));
            throw new ApiException.Forbidden(WRONG_KEY);
        }
        if (count != null) {
            add(counter, -1);
        }
        if (meantTenant != null && !meantTenant.equals(tenant)) {
            throw ApiException.Invalid.field("tenant", "this address serves the tenant '" + tenant + "', not '"
                    + meantTenant + "': use the tenant's own address (--url, or --host behind one gateway address)");
        }
        Instant expiresAt = clock.instant().plus(properties.tokenLifetime());
        String token = tokens.operatorToken(tenant, properties.tokenLifetime());
        log.info("Operator token issued tenant_id={} client_ip={} expires_at={}", tenant, clientIp, expiresAt);
        audit.record(AuditEvent.success(tenant, AuditAction.OPERATOR_TOKEN, AuditEvent.Actor.operator(),
                new AuditEvent.Target("tenant", tenant, tenant)).with("expiresAt", expiresAt.toString()));
        return new Issued(token, tenant, expiresAt);
    }

    /** The count after adding {@code amount}; null when the counter store cannot be reached. */
    private WindowCounter.Count add(String key, long amount) {
        try {
            return counters.add(key, amount, properties.attemptsWindow()).toCompletableFuture().join();
        } catch (CompletionException e) {
            // As sign-in: an unreachable Redis must not lock the operator out; the key itself is long.
            log.warn("Operator key attempt not counted, the counter store failed: {}", e.getCause().toString());
            return null;
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
