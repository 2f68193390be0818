package io.parley.common.events;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.AutoClaimResult;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the account events stream in this service's consumer group (one group per service, so that
 * every service sees every event once; one consumer per instance, so that the instances share the
 * work) and hands each event to the {@link AccountErasure}. An event is acknowledged only once every
 * eraser succeeded; until then it stays pending and, after {@code retryAfter} of idleness, any
 * consumer of the group claims it again (XAUTOCLAIM): a failed eraser and a crashed instance are
 * both retried until the event is done.
 *
 * <p>One loop on a virtual thread, from context start to context stop. If Redis cannot be reached the
 * loop logs, pauses and tries again; the service itself keeps running.
 */
final class AccountEventConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccountEventConsumer.class);
    private static final int BATCH = 50;
    private static final StreamMessageId FIRST = new StreamMessageId(0, 0);
    private static final Duration STOP_MARGIN = Duration.ofSeconds(5);

    private final RStream<String, String> stream;
    private final String group;
    private final String consumer;
    private final AccountErasure erasure;
    private final EventsProperties properties;
    private volatile boolean running;
    private volatile Thread loop;
    /** Where the next XAUTOCLAIM scan goes on; back to the start once a scan is complete. */
    private StreamMessageId claimFrom = FIRST;

    AccountEventConsumer(RedissonClient redis, String streamKey, String group, AccountErasure erasure,
                         EventsProperties properties) {
        this.stream = redis.getStream(streamKey, StringCodec.INSTANCE);
        this.group = group;
        this.consumer = group + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.erasure = erasure;
        this.properties = properties;
    }

    String consumerName() {
        return consumer;
    }

    @Override
    public void start() {
        running = true;
        loop = Thread.ofVirtual().name("account-events-" + group).start(this::run);
        log.info("Account events consumer started stream={} group={} consumer={}", stream.getName(), group, consumer);
    }

    /**
     * Lets the loop finish the read or event it is in (at most about one poll timeout, unless an
     * eraser is slow) and leaves the group when nothing is pending for this consumer. An event still
     * being erased stays pending and is taken over by another instance.
     */
    @Override
    public void stop() {
        running = false;
        Thread thread = loop;
        if (thread == null) {
            return;
        }
        try {
            if (!thread.join(properties.pollTimeout().plus(STOP_MARGIN))) {
                thread.interrupt();
                log.warn("Account events consumer still busy at shutdown; its event stays pending group={} consumer={}",
                        group, consumer);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        leaveGroupIfIdle();
        log.info("Account events consumer stopped group={} consumer={}", group, consumer);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        boolean joined = false;
        while (running) {
            try {
                if (!joined) {
                    joinGroup();
                    joined = true;
                }
                retryStale();
                readNew();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
                    // the stream or group went (a Redis without persistence restarted): make them again
                    joined = false;
                }
                log.warn("Account events not read, trying again in {} stream={} group={}", properties.pollTimeout(),
                        stream.getName(), group, e);
                if (!pause(properties.pollTimeout())) {
                    return;
                }
            }
        }
    }

    /** The group reads from the stream's first entry, so a service's first start also sees earlier deletions. */
    private void joinGroup() {
        try {
            stream.createGroup(StreamCreateGroupArgs.name(group).id(FIRST).makeStream());
            log.info("Account events group created stream={} group={}", stream.getName(), group);
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** Takes over events pending longer than {@code retryAfter}: failed here, or left by a dead instance. */
    private void retryStale() {
        AutoClaimResult<String, String> claimed = stream.autoClaim(group, consumer,
                properties.retryAfter().toMillis(), TimeUnit.MILLISECONDS, claimFrom, BATCH);
        claimFrom = claimed.getNextId() == null ? FIRST : claimed.getNextId();
        claimed.getMessages().forEach((id, entry) -> handle(id, entry, true));
    }

    private void readNew() {
        Map<StreamMessageId, Map<String, String>> entries = stream.readGroup(group, consumer,
                StreamReadGroupArgs.neverDelivered().count(BATCH).timeout(properties.pollTimeout()));
        if (entries != null) {
            entries.forEach((id, entry) -> handle(id, entry, false));
        }
    }

    private void handle(StreamMessageId id, Map<String, String> entry, boolean retry) {
        if (!AccountStream.USER_DELETED.equals(entry.get(AccountStream.TYPE))) {
            // a kind of account event this version does not know: nothing of ours to erase
            log.debug("Account event ignored type={} stream_id={} group={}", entry.get(AccountStream.TYPE), id, group);
            stream.ack(group, id);
            return;
        }
        Optional<UserDeleted> event = AccountStream.userDeleted(entry);
        if (event.isEmpty()) {
            // retrying cannot mend it; acknowledged so that it does not come back every retryAfter
            log.error("Unreadable account event dropped stream_id={} group={} fields={}", id, group, entry.keySet());
            stream.ack(group, id);
            return;
        }
        UserDeleted deleted = event.get();
        try {
            erasure.erase(deleted);
        } catch (RuntimeException e) {
            log.warn("Account event stays pending, retried after {} event_id={} tenant_id={} user_id={} stream_id={} "
                            + "group={} retry={}", properties.retryAfter(), deleted.eventId(), deleted.tenantId(),
                    deleted.userId(), id, group, retry);
            return;
        }
        stream.ack(group, id);
    }

    private void leaveGroupIfIdle() {
        try {
            if (stream.listPending(group, consumer, StreamMessageId.MIN, StreamMessageId.MAX, 1).isEmpty()) {
                stream.removeConsumer(group, consumer);
            }
        } catch (RuntimeException e) {
            log.debug("Account events consumer not removed from its group consumer={}", consumer, e);
        }
    }

    /** @return false when interrupted (the context is stopping) */
    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
