package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.parley.e2e.TraceCollector.ReceivedSpan;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * One trace across the processes, as an OpenTelemetry collector receives it: a request through the
 * gateway to chat-service, which asks auth-service over gRPC ({@code GET /api/config} →
 * {@code AuthSettings.GetPublicConfig}), yields spans of all three with the caller's trace id.
 */
class TracingE2ETest extends E2ETest {

    @Test
    void oneRequestThroughTheGatewayIsOneTraceAcrossGatewayChatServiceAndAuthServiceOverGrpc() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        String traceId = HexFormat.of().formatHex(id);
        // W3C trace context, sampled, as a browser's instrumentation or an edge proxy would send it
        assertThat(get("/api/config", "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<ReceivedSpan> spans = ParleySystem.traces().spans(traceId);
            assertThat(spans).anyMatch(s -> s.service().equals("gateway") && s.kind() == SpanKind.SPAN_KIND_SERVER);
            assertThat(spans).anyMatch(s -> s.service().equals("gateway") && s.kind() == SpanKind.SPAN_KIND_CLIENT);
            assertThat(spans).anyMatch(s -> s.service().equals("chat-service") && s.kind() == SpanKind.SPAN_KIND_SERVER);
            assertThat(spans).anyMatch(s -> s.service().equals("chat-service") && s.kind() == SpanKind.SPAN_KIND_CLIENT
                    && s.name().contains("AuthSettings"));
            assertThat(spans).anyMatch(s -> s.service().equals("auth-service") && s.kind() == SpanKind.SPAN_KIND_SERVER
                    && s.name().contains("AuthSettings"));
        });
    }
}
