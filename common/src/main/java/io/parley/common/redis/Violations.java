package io.parley.common.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Violation scores and the bans they lead to, per client address and per user of a tenant, in the
 * shared {@link WindowCounter}: the gateway refuses banned offenders on every route, and any process
 * that refuses a request (a limit the gateway cannot see, such as chat-service's message limits)
 * adds to the same score. A violation counts against the person when the request names one and
 * against the address only when it does not (sign-in, registration, a password reset): behind a proxy
 * or a NAT many people share one address, and one of them must not get it banned for all.
 */
public final class Violations {

    /** LibreChat's answer to a banned person or address, wherever the ban is found. */
    public static final String BANNED_MESSAGE = "Your account has been temporarily banned due to violations of our service.";

    private static final Logger log = LoggerFactory.getLogger(Violations.class);

    private final WindowCounter counters;
    private final BanProperties bans;

    public Violations(WindowCounter counters, BanProperties bans) {
        this.counters = counters;
        this.bans = bans;
    }

    /** Adds {@code score}; crossing a multiple of the ban interval bans the offender. */
    public CompletionStage<Void> add(String tenant, String ip, String userId, long score) {
        if (!bans.enabled() || score <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        String offenderIp = userId == null ? ip : null;
        if (offenderIp == null && userId == null) {
            return CompletableFuture.completedFuture(null);
        }
        return counters.add(offenderKey("violations", tenant, offenderIp, userId), score, bans.duration()).thenCompose(count ->
                (count.value() - score) / bans.interval() < count.value() / bans.interval()
                        ? ban(tenant, offenderIp, userId) : CompletableFuture.completedFuture(null));
    }

    /**
     * How long the offender stays banned; empty when not banned. The address's and the user's bans are
     * read at once (one round trip, not one per key); the first in that order that is in force answers.
     */
    public CompletionStage<Optional<Duration>> banned(String tenant, String ip, String userId) {
        return counters.peekAll(banKeys(tenant, ip, userId)).thenApply(counts -> counts.stream()
                .filter(c -> c.value() > 0).map(WindowCounter.Count::resetsIn).findFirst());
    }

    /** The counters {@link #banned} reads; none when bans are off. */
    List<String> banKeys(String tenant, String ip, String userId) {
        return bans.enabled() ? keys("ban", tenant, ip, userId) : List.of();
    }

    /**
     * Bans a user of {@code tenant} for {@code duration} from now, replacing any ban in force (an
     * admin's decision, whether or not automatic bans are enabled). Client addresses are untouched.
     */
    public CompletionStage<Void> ban(String tenant, String userId, Duration duration) {
        String key = keys("ban", tenant, null, userId).getFirst();
        log.warn("Banned by an admin tenant_id={} user_id={} for={}", tenant, userId, duration);
        return counters.reset(key).thenCompose(done -> counters.add(key, 1, duration)).thenApply(c -> null);
    }

    /** Lifts a user's ban and drops the user's violation score, so the next violation does not ban again. */
    public CompletionStage<Void> unban(String tenant, String userId) {
        log.info("Ban lifted tenant_id={} user_id={}", tenant, userId);
        return counters.reset(keys("ban", tenant, null, userId).getFirst())
                .thenCompose(done -> counters.reset(keys("violations", tenant, null, userId).getFirst()));
    }

    /** Bans the one offender named: the user, or else the address (callers name one of them). */
    private CompletionStage<Void> ban(String tenant, String ip, String userId) {
        log.warn("Banned tenant_id={} client_ip={} user_id={} for={}", tenant, ip, userId, bans.duration());
        return counters.add(offenderKey("ban", tenant, ip, userId), 1, bans.duration()).thenApply(c -> null);
    }

    private static String offenderKey(String kind, String tenant, String ip, String userId) {
        return keys(kind, tenant, ip, userId).getFirst();
    }

    private static List<String> keys(String kind, String tenant, String ip, String userId) {
        List<String> keys = new ArrayList<>(2);
        if (ip != null) {
            keys.add(kind + ":" + tenant + ":ip:" + ip);
        }
        if (userId != null) {
            keys.add(kind + ":" + tenant + ":user:" + userId);
        }
        return keys;
    }
}
