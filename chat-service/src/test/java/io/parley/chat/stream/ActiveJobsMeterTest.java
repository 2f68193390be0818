package io.parley.chat.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.common.redis.RedisProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

class ActiveJobsMeterTest {

    private final Jobs jobs = new Jobs(new JobProperties(5, Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofMillis(20),
            Duration.ofSeconds(6), Duration.ofSeconds(2), Duration.ofSeconds(2)),
            new DefaultListableBeanFactory().getBeanProvider(RedissonClient.class), new RedisProperties("", "", "parley:"),
            new DefaultListableBeanFactory().getBeanProvider(JobTakeover.class));

    @AfterEach
    void stop() {
        jobs.close();
    }

    @Test
    void countsTheJobsRunningHereUntilTheyEnd() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ActiveJobsMeter(jobs).bindTo(registry);
        var gauge = registry.get("parley.chat.jobs.active").gauge();
        assertThat(gauge.value()).isZero();

        LiveJob first = jobs.start(key("a"), info("a")).job();
        jobs.start(key("b"), info("b"));
        assertThat(gauge.value()).isEqualTo(2);

        first.emit(StreamEvent.message(Map.of("final", true)));
        jobs.finished(first, JobInfo.Status.COMPLETE);
        assertThat(gauge.value()).isEqualTo(1);
    }

    private static JobKey key(String stream) {
        return new JobKey("default", "user-1", stream);
    }

    private static JobInfo info(String stream) {
        return new JobInfo(stream, stream, "response-" + stream, "AI", "demo", "offline-demo", Map.of(), Instant.now(),
                JobInfo.Status.RUNNING);
    }
}
