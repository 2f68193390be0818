package io.parley.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AccountErasureTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aFailingEraserDoesNotKeepTheOthersFromRunningAndItsFailureIsReported() {
        List<String> ran = new CopyOnWriteArrayList<>();
        AccountErasure erasure = new AccountErasure(() -> List.of(
                (tenantId, userId) -> ran.add("first"),
                (tenantId, userId) -> {
                    throw new IllegalStateException("store unreachable");
                },
                (tenantId, userId) -> ran.add("third")), meters);

        assertThatThrownBy(() -> erasure.erase(UserDeleted.of("acme", "u1"))).hasMessage("store unreachable");
        assertThat(ran).containsExactly("first", "third");
        assertThat(count("failed")).isEqualTo(1);
        assertThat(count("erased")).isZero();
    }

    @Test
    void everyEraserGetsTheTenantAndUserOfTheEvent() {
        List<String> seen = new CopyOnWriteArrayList<>();
        AccountErasure erasure = new AccountErasure(() -> List.of((tenantId, userId) -> seen.add(tenantId + "/" + userId)),
                meters);

        erasure.erase(UserDeleted.of("acme", "u1"));

        assertThat(seen).containsExactly("acme/u1");
        assertThat(count("erased")).isEqualTo(1);
    }

    private double count(String outcome) {
        return meters.counter("parley.account.erasures", "outcome", outcome).count();
    }
}
