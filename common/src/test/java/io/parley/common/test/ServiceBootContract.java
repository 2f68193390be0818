package io.parley.common.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every service shows from its first day: it boots on the embedded store, reports healthy by a
 * real query, exposes metrics, and refuses what it does not serve in Parley's JSON shape. It is ready
 * once it has auth-service's verification keys, here from {@link FakeKeys}. A service's test extends
 * this in its own package.
 */
public abstract class ServiceBootContract extends BootedService {

    private Http http;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
    }

    @Test
    void bootsHealthyWithItsStoreAnsweringPing() {
        Http.Response health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void exposesPrometheusMetrics() {
        Http.Response metrics = http.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void anApiPathWithoutATokenIsAJson401() {
        Http.Response response = http.get("/api/anything");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asString()).isEqualTo("unauthorized");
        assertThat(response.json().get("requestId").asString()).isNotBlank();
    }

    @Test
    void aGarbageTokenIsAJson401() {
        Http.Response response = http.get("/api/anything", "Authorization", "Bearer not.a.token");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asString()).isEqualTo("unauthorized");
    }
}
