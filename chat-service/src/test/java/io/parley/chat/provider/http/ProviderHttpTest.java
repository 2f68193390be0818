package io.parley.chat.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.provider.ProviderFixtures;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderHttpTest {

    @Test
    void readsRetryAfterAsSecondsMillisOrDate() {
        assertThat(ProviderErrors.retryAfter(headers("retry-after", "2"))).isEqualTo(Duration.ofSeconds(2));
        assertThat(ProviderErrors.retryAfter(headers("retry-after", "0.5"))).isEqualTo(Duration.ofMillis(500));
        assertThat(ProviderErrors.retryAfter(headers("retry-after-ms", "250"))).isEqualTo(Duration.ofMillis(250));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
        assertThat(ProviderErrors.retryAfter(headers("retry-after", inTenSeconds)))
                .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(ProviderErrors.retryAfter(headers("retry-after", "soon"))).isNull();
        assertThat(ProviderErrors.retryAfter(headers("x-other", "1"))).isNull();
    }

    @Test
    void capsBackoffAndRetryAfter() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8));

        assertThat(backoff.delay(0, null)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(backoff.delay(3, null)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
        assertThat(backoff.delay(30, null)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(backoff.delay(0, Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.delay(4, Duration.ZERO)).isEqualTo(Duration.ZERO);
    }

    @Test
    void findsTheMessageInEachProtocolsErrorShape() {
        assertThat(ProviderErrors.errorMessage(ProviderFixtures.json("{\"error\":{\"message\":\"m1\",\"type\":\"t\"}}")))
                .isEqualTo("m1");
        assertThat(ProviderErrors.errorMessage(ProviderFixtures.json("[{\"error\":{\"code\":400,\"message\":\"m2\"}}]")))
                .isEqualTo("m2");
        assertThat(ProviderErrors.errorMessage(ProviderFixtures.json("{\"error\":\"m3\"}"))).isEqualTo("m3");
        assertThat(ProviderErrors.errorMessage(ProviderFixtures.json("{\"message\":\"m4\"}"))).isEqualTo("m4");
        assertThat(ProviderErrors.errorMessage(ProviderFixtures.json("{\"detail\":1}"))).isNull();
    }

    private static HttpHeaders headers(String name, String value) {
        return HttpHeaders.of(Map.of(name, List.of(value)), (n, v) -> true);
    }
}
