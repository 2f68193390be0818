package io.parley.auth.admin;

import io.parley.auth.capability.Capability;
import io.parley.auth.capability.Capabilities;
import io.parley.auth.audit.AuditAction;
import io.parley.auth.audit.AuditEvent;
import io.parley.auth.audit.AuditTrail;
import io.parley.common.redis.LocalWindowCounter;
import io.parley.common.redis.WindowCounter;
import io.parley.common.security.CurrentUser;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * LibreChat's {@code flush-cache}, for what Parley keeps of that kind: a tenant's rate-limit counters,
 * violation scores and bans (LibreChat's {@code logs.json} and {@code violations.json}, or their Redis
 * keys). LibreChat empties its whole Redis database; here that would also bring back ended sessions
 * (revocations), drop running chat turns and lose account deletions not yet handled, so those stay.
 * Nothing else Parley caches lives in Redis: token checks, role answers and banners are held briefly in
 * each process and renew themselves.
 */
@Service
class CacheFlush {

    /** Key prefixes of the counters flushed, each followed by {@code <tenant>:}. */
    static final List<String> KINDS = List.of("limit", "message-user", "mail", "violations", "ban");

    private static final Logger log = LoggerFactory.getLogger(CacheFlush.class);

    private final WindowCounter counters;
    private final AuditTrail audit;
    private final Capabilities capabilities;

    CacheFlush(WindowCounter counters, AuditTrail audit, Capabilities capabilities) {
        this.counters = counters;
        this.audit = audit;
        this.capabilities = capabilities;
    }

    /**
     * @param shared whether the counters are shared (Redis); without Redis each process holds its own,
     *               and only auth-service's were flushed
     * @param keys   the counters found (dry run) or dropped
     */
    record Flushed(boolean shared, boolean dryRun, long keys, List<String> prefixes) {
    }

    Flushed flush(CurrentUser caller, boolean dryRun) {
        capabilities.require(caller, Capability.MANAGE_CONFIGS);
        List<String> prefixes = KINDS.stream().map(kind -> kind + ":" + caller.tenantId() + ":").toList();
        long keys = 0;
        for (String prefix : prefixes) {
            keys += (dryRun ? counters.countWithPrefix(prefix) : counters.resetWithPrefix(prefix))
                    .toCompletableFuture().join();
        }
        boolean shared = !(counters instanceof LocalWindowCounter);
        if (!dryRun) {
            log.warn("Limits and bans flushed tenant_id={} keys={} shared={} by user_id={}", caller.tenantId(), keys,
                    shared, caller.id());
            audit.record(AuditEvent.success(caller.tenantId(), AuditAction.CACHE_FLUSHED, AuditTrail.actor(caller),
                    new AuditEvent.Target("cache", null, "limits and bans")).with("keys", keys).with("shared", shared));
        }
        return new Flushed(shared, dryRun, keys, prefixes);
    }
}
