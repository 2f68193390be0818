package io.parley.chat.memory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import org.junit.jupiter.api.Test;

class MemoriesTest {

    /** Nothing else is needed: a disabled section refuses before any store or role is asked. */
    private final Memories disabled = new Memories(null, null, null, new MemorySettings(true, null, null, 10_000));
    private final CurrentUser ada = new CurrentUser("64b000000000000000000001", "default", "USER", "ada@example.com", "ada", "local", null);

    @Test
    void aDisabledMemorySectionRefusesEveryRouteAsAMissingPermission() {
        assertThatThrownBy(() -> disabled.list(ada)).isInstanceOf(ApiException.Forbidden.class)
                .hasMessage("Forbidden: Insufficient permissions");
        assertThatThrownBy(() -> disabled.create(ada, new MemoryRequest("k", "v"))).isInstanceOf(ApiException.Forbidden.class);
        assertThatThrownBy(() -> disabled.update(ada, "k", new MemoryRequest("k", "v"))).isInstanceOf(ApiException.Forbidden.class);
        assertThatThrownBy(() -> disabled.delete(ada, "k")).isInstanceOf(ApiException.Forbidden.class);
    }
}
