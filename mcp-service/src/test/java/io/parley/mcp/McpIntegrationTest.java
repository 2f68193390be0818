package io.parley.mcp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parley.common.test.EverythingServer;
import io.parley.common.test.GrpcServerPort;
import io.parley.common.test.Http;
import io.parley.common.test.TestSigningKey;
import io.parley.common.test.Tokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * mcp-service on a random port with a fake Roles and Access over gRPC and real MCP servers configured as an
 * operator would in librechat.yaml: server-everything over Streamable HTTP ({@code everything}, with
 * a secret header and query), SSE ({@code everything-sse}) and stdio ({@code local}, per person through
 * {@code {{LIBRECHAT_USER_ID}}} in its env), a port that refuses ({@code down}) and one that accepts
 * and never answers ({@code silent}). Loopback is let through with {@code mcpSettings.allowedDomains:
 * [127.0.0.1]} (tests bind there); {@code localhost} is not in the list. One context for every class.
 */
@Import({TestSigningKey.Trusted.class, GrpcServerPort.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.mongo.embedded.backend=memory", "spring.grpc.server.port=0", "LOG_FORMAT=",
        "parley.mcp.creds-key=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"})
public abstract class McpIntegrationTest {

    protected static final String HEADER_SECRET = "sekrit-header-123";
    protected static final String QUERY_SECRET = "sekrit-query-456";
    protected static final String ENV_SECRET = "sekrit-env-789";

    protected static final FakeAuth AUTH = new FakeAuth();
    protected static final EverythingServer EVERYTHING = EverythingServer.get();
    /** Accepts connections and never answers. */
    protected static final ServerSocket SILENT = silent();
    protected static final int REFUSED_PORT = EverythingServer.freePort();

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        registry.add("spring.grpc.client.channels.auth.address", () -> "static://127.0.0.1:" + AUTH.port());
        registry.add("librechat.mcpSettings.allowedDomains[0]", () -> "127.0.0.1");
        String s = "librechat.mcpServers.";
        registry.add(s + "down.type", () -> "streamable-http");
        registry.add(s + "down.url", () -> "http://127.0.0.1:" + REFUSED_PORT + "/mcp");
        registry.add(s + "silent.type", () -> "streamable-http");
        registry.add(s + "silent.url", () -> "http://127.0.0.1:" + SILENT.getLocalPort() + "/mcp");
        registry.add(s + "silent.initTimeout", () -> "1000");
        if (EVERYTHING.available()) {
            registry.add(s + "everything.type", () -> "streamable-http");
            registry.add(s + "everything.url", () -> EVERYTHING.streamableUrl() + "?key=" + QUERY_SECRET);
            registry.add(s + "everything.headers[X-Api-Key]", () -> HEADER_SECRET);
            registry.add(s + "everything.iconPath", () -> "/assets/everything.svg");
            registry.add(s + "everything.title", () -> "Everything");
            registry.add(s + "everything-sse.type", () -> "sse");
            registry.add(s + "everything-sse.url", EVERYTHING::sseUrl);
            registry.add(s + "local.command", () -> "node");
            registry.add(s + "local.args[0]", () -> EverythingServer.SCRIPT.toString());
            registry.add(s + "local.args[1]", () -> "stdio");
            registry.add(s + "local.env.PARLEY_USER", () -> "{{LIBRECHAT_USER_ID}}");
            registry.add(s + "local.env.PARLEY_SECRET", () -> ENV_SECRET);
            registry.add(s + "local.env.PARLEY_API_KEY", () -> "{{API_KEY}}");
            registry.add(s + "local.timeout", () -> "20000");
            registry.add(s + "local.customUserVars.API_KEY.title", () -> "API key");
            registry.add(s + "local.customUserVars.API_KEY.description", () -> "Your key");
        }
    }

    @LocalServerPort
    protected int port;

    protected Http http;
    protected String tenant;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
        tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static void assumeEverything() {
        assumeTrue(EVERYTHING.available(), "node/npm not available: server-everything cannot run");
    }

    protected Person user() {
        return new Person(new ObjectId().toHexString(), tenant, "USER");
    }

    protected Person withRole(String role) {
        return new Person(new ObjectId().toHexString(), tenant, role);
    }

    public record Person(String id, String tenant, String role) {

        public String token() {
            return Tokens.accessToken(id, tenant, role, "user-" + id.substring(18));
        }

        public String[] auth() {
            return new String[] {"Authorization", "Bearer " + token()};
        }
    }

    protected Http.Response get(Person who, String path) {
        return http.get(path, who.auth());
    }

    protected Http.Response post(Person who, String path, String body) {
        return http.post(path, body, who.auth());
    }

    private static ServerSocket silent() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            List<Socket> held = new ArrayList<>();
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        held.add(socket.accept()); // kept open, never read, never answered
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
