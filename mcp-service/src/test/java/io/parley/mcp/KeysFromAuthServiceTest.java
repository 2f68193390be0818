package io.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.parley.common.test.EverythingServer;
import io.parley.common.test.FakeAccess;
import io.parley.common.test.FakeKeys;
import io.parley.common.test.Http;
import io.parley.common.test.RelayedCaller;
import io.parley.common.test.Tokens;
import io.parley.proto.auth.v1.CheckPermissionRequest;
import io.parley.proto.auth.v1.CheckPermissionResponse;
import io.parley.proto.auth.v1.RolesGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * mcp-service verifying tokens with auth-service's keys fetched over gRPC, started while auth-service
 * is not up yet: not ready and 503 (never 401, which signs the person out) until the keys can be had,
 * then ready and serving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.mongo.embedded.backend=memory", "spring.grpc.server.port=0", "LOG_FORMAT="})
class KeysFromAuthServiceTest {

    private static final int AUTH_PORT = EverythingServer.freePort();

    @DynamicPropertySource
    static void authService(DynamicPropertyRegistry registry) {
        registry.add("spring.grpc.client.channels.auth.address", () -> "static://127.0.0.1:" + AUTH_PORT);
    }

    @LocalServerPort
    int port;

    private Server authService;

    @AfterEach
    void stopAuthService() {
        if (authService != null) {
            authService.shutdownNow();
        }
    }

    @Test
    void untilAuthServiceAnswersASignedInRequestIs503AndTheServiceIsNotReadyThenBothTurn() throws IOException {
        Http http = new Http("http://127.0.0.1:" + port);
        String bearer = "Bearer " + Tokens.accessToken("u1", "acme", "USER", "ann");

        Http.Response early = http.get("/api/mcp/servers", "Authorization", bearer);
        assertThat(early.status()).as(early.body()).isEqualTo(503);
        assertThat(early.header("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 5));
        assertThat(early.json().get("error").asString()).isEqualTo("unavailable");
        assertThat(early.json().get("message").asString()).isNotBlank();
        Http.Response notReady = http.get("/actuator/health/readiness");
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.json().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(http.get("/api/mcp/servers", "Authorization", "Bearer not.a.token").status())
                .as("a token that is no token is still refused").isEqualTo(401);

        authService = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", AUTH_PORT))
                .addService(new FakeKeys())
                .addService(RelayedCaller.intercept(new AllowingRoles()))
                .addService(RelayedCaller.intercept(new FakeAccess()))
                .build().start();

        // gRPC backs off reconnecting after the refusals, and the key fetches are throttled
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get("/actuator/health/readiness").status() == 200);
        assertThat(http.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
        Http.Response served = http.get("/api/mcp/servers", "Authorization", bearer);
        assertThat(served.status()).as(served.body()).isEqualTo(200);
    }

    private static final class AllowingRoles extends RolesGrpc.RolesImplBase {
        @Override
        public void checkPermission(CheckPermissionRequest request, StreamObserver<CheckPermissionResponse> response) {
            response.onNext(CheckPermissionResponse.newBuilder().setAllowed(true).build());
            response.onCompleted();
        }
    }
}
