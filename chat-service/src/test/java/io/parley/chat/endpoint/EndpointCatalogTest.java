package io.parley.chat.endpoint;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointCatalogTest {

    private static final ProvidersProperties.Builtin OFF = new ProvidersProperties.Builtin("", List.of(), "", "");

    @Test
    void aCustomEndpointMayNotTakeTheNameOfAChatRoute() {
        ProvidersProperties providers = new ProvidersProperties(List.of(), true, OFF, OFF, OFF, false,
                Duration.ofSeconds(10), Duration.ofSeconds(120), 2);
        for (String route : Endpoint.CHAT_ROUTE_NAMES) {
            EndpointsProperties custom = new EndpointsProperties(List.of(new EndpointsProperties.Custom(route, "key",
                    "http://127.0.0.1:1/v1", new EndpointsProperties.Models(List.of("m"), false), false, null, null, null,
                    Map.of(), Map.of(), List.of(), null)));
            assertThatIllegalStateException().isThrownBy(() -> new EndpointCatalog(providers, custom, ""))
                    .withMessageContaining("/api/agents/chat/" + route);
        }
    }
}
