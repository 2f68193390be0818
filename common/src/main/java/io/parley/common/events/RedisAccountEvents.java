package io.parley.common.events;

import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link AccountEvents} on a Redis Stream (XADD, trimmed to about {@code maxLength} entries). */
final class RedisAccountEvents implements AccountEvents {

    private static final Logger log = LoggerFactory.getLogger(RedisAccountEvents.class);

    private final RStream<String, String> stream;
    private final int maxLength;

    RedisAccountEvents(RedissonClient redis, String streamKey, int maxLength) {
        this.stream = redis.getStream(streamKey, StringCodec.INSTANCE);
        this.maxLength = maxLength;
    }

    @Override
    public void publish(UserDeleted event) {
        // Approximate trimming (MAXLEN ~) only drops whole nodes of the stream: cheap on every add.
        StreamMessageId id = stream.add(StreamAddArgs.entries(AccountStream.entry(event))
                .trimNonStrict().maxLen(maxLength).noLimit());
        log.info("Account event published type={} event_id={} tenant_id={} user_id={} stream_id={}",
                AccountStream.USER_DELETED, event.eventId(), event.tenantId(), event.userId(), id);
    }
}
