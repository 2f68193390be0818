package io.parley.mcp.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parley.common.security.CurrentUser;
import io.parley.common.test.EverythingServer;
import io.parley.mcp.guard.OutboundGuard;
import io.parley.mcp.guard.GuardSettings;
import io.parley.mcp.server.ServerConfig;
import io.parley.mcp.server.ServerRef;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connection life cycle on its own, with settings the shared test context cannot use: idle close and backoff. */
class ConnectionsTest {

    private static final CurrentUser ALICE = new CurrentUser("a1", "t1", "USER", null, "alice", "local", null);

    private final Connections connections = new Connections(
            new ClientFactory(new OutboundGuard(new GuardSettings(List.of("127.0.0.1")))),
            new McpConnectionProperties(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(4)),
            (user, server) -> Map.of(), new NoTokens());

    /** Nobody has signed in to anything. */
    private static final class NoTokens implements BearerTokens {
        @Override
        public String bearer(CurrentUser user, ServerRef server) {
            throw new SignInRequired(server.name());
        }

        @Override
        public boolean renewAfterRejection(CurrentUser user, ServerRef server, String rejected) {
            return false;
        }
    }

    @AfterEach
    void close() {
        connections.closeAll();
    }

    @Test
    void anIdleConnectionIsClosedAndOpensAgainOnNextUse() {
        EverythingServer everything = EverythingServer.get();
        assumeTrue(everything.available(), "node/npm not available");
        ServerRef server = new ServerRef("everything", ServerRef.OPERATOR, new ServerConfig("streamable-http",
                everything.streamableUrl(), null, null, null, null, null, null, null, null, null, null, null, null, null, null), null);

        assertThat(connections.tools(ALICE, server)).isNotEmpty();
        assertThat(connections.state(ALICE, server)).isEqualTo(ConnectionState.CONNECTED);

        await().atMost(Duration.ofSeconds(10)).until(() -> connections.state(ALICE, server) == ConnectionState.DISCONNECTED);
        assertThat(connections.openCount()).isZero();
        assertThat(connections.tools(ALICE, server)).isNotEmpty();
        assertThat(connections.state(ALICE, server)).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void afterAFailureUsesFailAtOnceUntilTheBackoffHasPassed() throws IOException {
        AtomicInteger attempts = new AtomicInteger();
        try (ServerSocket hangUp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!hangUp.isClosed()) {
                    try (Socket s = hangUp.accept()) {
                        attempts.incrementAndGet(); // closed at once: not an MCP server
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            ServerRef server = new ServerRef("hangup", ServerRef.OPERATOR, new ServerConfig("streamable-http",
                    "http://127.0.0.1:" + hangUp.getLocalPort() + "/mcp", null, null, null, null, null, 2000L, null, null,
                    null, null, null, null, null, null), null);

            assertThatThrownBy(() -> connections.tools(ALICE, server)).isInstanceOf(UpstreamFailure.class);
            int afterFirst = attempts.get();
            assertThat(afterFirst).isPositive();
            assertThat(connections.state(ALICE, server)).isEqualTo(ConnectionState.ERROR);

            assertThatThrownBy(() -> connections.tools(ALICE, server)).isInstanceOf(UpstreamFailure.class);
            assertThat(attempts.get()).isEqualTo(afterFirst); // within the backoff: no new attempt

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThatThrownBy(() -> connections.tools(ALICE, server)).isInstanceOf(UpstreamFailure.class);
                assertThat(attempts.get()).isGreaterThan(afterFirst);
            });

            int beforeReinitialize = attempts.get();
            assertThatThrownBy(() -> connections.reinitialize(ALICE, server)).isInstanceOf(UpstreamFailure.class);
            assertThat(attempts.get()).isGreaterThan(beforeReinitialize); // the backoff is forgotten: tried at once
        }
    }

    @Test
    void aServerPeopleSignInToIsNotContactedWithoutATokenAndNeverBacksOff() throws IOException {
        AtomicInteger attempts = new AtomicInteger();
        try (ServerSocket counting = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!counting.isClosed()) {
                    try (Socket s = counting.accept()) {
                        attempts.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            ServerRef server = new ServerRef("secure", ServerRef.OPERATOR, new ServerConfig("streamable-http",
                    "http://127.0.0.1:" + counting.getLocalPort() + "/mcp", null, null, null, null, null, 2000L, null, null,
                    null, null, null, true, null, null), null);

            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> connections.tools(ALICE, server)).isInstanceOf(SignInRequired.class)
                        .hasMessage("Sign-in to MCP server 'secure' is required");
            }
            assertThatThrownBy(() -> connections.reinitialize(ALICE, server)).isInstanceOf(SignInRequired.class);
            assertThat(connections.state(ALICE, server)).isEqualTo(ConnectionState.DISCONNECTED);
            assertThat(attempts.get()).isZero();
        }
    }
}
