package io.parley.common.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LastKnownTest {

    private final LastKnown<String, Boolean> known = new LastKnown<>("test", Duration.ofMinutes(10), 100);
    private final AtomicInteger asked = new AtomicInteger();

    private Boolean answer(boolean value) {
        asked.incrementAndGet();
        return value;
    }

    private Boolean failing(Status status) {
        asked.incrementAndGet();
        throw status.asRuntimeException();
    }

    @Test
    void theServiceIsAskedEveryTimeSoAChangeAppliesAtOnce() {
        assertThat(known.get("k", () -> answer(true))).isTrue();
        assertThat(known.get("k", () -> answer(false))).isFalse();
        assertThat(asked).hasValue(2);
    }

    @Test
    void whileTheServiceIsUnreachableTheLastAnswerStandsInForTheSameKeyOnly() {
        known.get("k", () -> answer(false));

        assertThat(known.get("k", () -> failing(Status.UNAVAILABLE))).isFalse();
        assertThat(known.get("k", () -> failing(Status.DEADLINE_EXCEEDED))).isFalse();
        assertThatThrownBy(() -> known.get("other", () -> failing(Status.UNAVAILABLE)))
                .isInstanceOf(StatusRuntimeException.class);
    }

    @Test
    void aRefusalOrAnyOtherFailureIsNeverReplacedByAnEarlierAnswer() {
        known.get("k", () -> answer(true));

        assertThatThrownBy(() -> known.get("k", () -> failing(Status.PERMISSION_DENIED)))
                .isInstanceOf(StatusRuntimeException.class);
        assertThatThrownBy(() -> known.get("k", () -> failing(Status.INTERNAL))).isInstanceOf(StatusRuntimeException.class);
    }
}
