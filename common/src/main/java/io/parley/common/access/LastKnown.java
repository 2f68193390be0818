package io.parley.common.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers of another service, asked for every time, with the last one kept for when that service cannot
 * be reached: then the last answer stands in for up to {@code maxStale}, so that a restart or an outage
 * of auth-service does not stop what only needs a verified token and a role. A refusal is never kept in
 * place of an answer, and any other failure is the caller's.
 */
public final class LastKnown<K, V> {

    private static final Logger log = LoggerFactory.getLogger(LastKnown.class);

    private final String what;
    private final Cache<K, V> answers;

    public LastKnown(String what, Duration maxStale, long maxEntries) {
        this.what = what;
        this.answers = Caffeine.newBuilder().expireAfterWrite(maxStale).maximumSize(maxEntries).build();
    }

    public V get(K key, Supplier<V> ask) {
        try {
            V answer = ask.get();
            answers.put(key, answer);
            return answer;
        } catch (StatusRuntimeException e) {
            V known = unreachable(e.getStatus().getCode()) ? answers.getIfPresent(key) : null;
            if (known == null) {
                throw e;
            }
            log.warn("Service unreachable; last known answer used what={} status={}", what, e.getStatus().getCode());
            return known;
        }
    }

    private static boolean unreachable(Status.Code code) {
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
    }
}
