package io.parley.mcp.connection;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.parley.common.security.CurrentUser;
import io.parley.mcp.server.Placeholders;
import io.parley.mcp.server.ServerConfig;
import io.parley.mcp.server.ServerChanged;
import io.parley.mcp.server.ServerRef;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The live MCP connections of this instance: one shared per server, or one per person where the
 * server's url, headers, args or env name the person or their variables, or where people sign in to
 * it (OAuth: each connection carries its person's token). Idle ones are closed.
 */
@Component
public class Connections {

    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    private final ClientFactory factory;
    private final McpConnectionProperties properties;
    private final UserVarValues userVars;
    private final BearerTokens bearers;
    private final Map<String, Connection> live = new ConcurrentHashMap<>();
    /** Runs calls so that a caller can stop waiting; never closed per call, which would wait for the call. */
    private final java.util.concurrent.ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("mcp-idle-sweeper").factory());

    Connections(ClientFactory factory, McpConnectionProperties properties, UserVarValues userVars, BearerTokens bearers) {
        this.factory = factory;
        this.properties = properties;
        this.userVars = userVars;
        this.bearers = bearers;
        long every = Math.max(1, Math.min(60, properties.idleTimeout().toSeconds() / 2));
        sweeper.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.SECONDS);
    }

    /**
     * A usable connection's tools (connecting first when needed).
     *
     * @throws SignInRequired when the person must sign in to the server first
     */
    public List<McpSchema.Tool> tools(CurrentUser user, ServerRef server) {
        Connection connection = connection(user, server);
        client(connection, server);
        return connection.tools();
    }

    /**
     * Calls a tool; a progress notification of this call reaches {@code progress}.
     *
     * @throws UpstreamFailure TIMEOUT after {@code timeout}, UNREACHABLE when the server cannot be used
     * @throws SignInRequired   when the person must sign in to the server first
     */
    public McpSchema.CallToolResult call(CurrentUser user, ServerRef server, String tool,
                                         Map<String, Object> arguments, Duration timeout,
                                         Consumer<McpSchema.ProgressNotification> progress) {
        Connection connection = connection(user, server);
        McpSyncClient client = client(connection, server);
        String token = java.util.UUID.randomUUID().toString();
        connection.progress.put(token, progress);
        try {
            var future = calls.submit(() -> client.callTool(new McpSchema.CallToolRequest(tool, arguments,
                    Map.of("progressToken", token))));
            try {
                return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                future.cancel(true);
                throw new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, "The MCP tool did not answer in time");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "The call was interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                SignInRequired signIn = SignInRequired.in(e.getCause(), server.name());
                if (signIn != null) {
                    connection.close(); // opened with a token the server no longer takes
                    throw signIn;
                }
                UpstreamFailure failure = ClientFactory.failure(e.getCause(), "the tool call");
                if (!(e.getCause() instanceof io.modelcontextprotocol.spec.McpError)) {
                    connection.broken(failure.getMessage());
                }
                throw failure;
            }
        } finally {
            connection.progress.remove(token);
        }
    }

    /** The state without connecting. */
    public ConnectionState state(CurrentUser user, ServerRef server) {
        Connection connection = live.get(key(user, server));
        return connection == null ? ConnectionState.DISCONNECTED : connection.state();
    }

    public String error(CurrentUser user, ServerRef server) {
        Connection connection = live.get(key(user, server));
        return connection == null ? null : connection.error();
    }

    /**
     * Closes the connection and connects again at once (backoff forgotten).
     *
     * @throws SignInRequired when the person must sign in to the server first
     */
    public void reinitialize(CurrentUser user, ServerRef server) {
        Connection connection = connection(user, server);
        connection.reset();
        client(connection, server);
    }

    /** Closes a person's own connection to one server, so that their next use connects afresh (a new token). */
    public void closePersonal(String tenantId, String userId, String serverName, String scope) {
        String key = serverName + "|" + scope + "|" + tenantId + "/" + userId;
        Connection connection = live.remove(key);
        if (connection != null) {
            connection.close();
        }
    }

    /** Closes the person's own connections (their per-user ones). */
    public int closeFor(String tenantId, String userId) {
        String suffix = "|" + tenantId + "/" + userId;
        int closed = 0;
        for (var entry : live.entrySet()) {
            if (entry.getKey().endsWith(suffix) && live.remove(entry.getKey(), entry.getValue())) {
                entry.getValue().close();
                closed++;
            }
        }
        return closed;
    }

    /** How many connections are open now (for tests and metrics). */
    public long openCount() {
        return live.values().stream().filter(Connection::isOpen).count();
    }

    @EventListener
    void serverChanged(ServerChanged changed) {
        closeAll(changed.server());
    }

    /** Closes every connection of a server (after it changed or was deleted). */
    public void closeAll(ServerRef server) {
        String prefix = server.name() + "|" + server.scope() + "|";
        live.forEach((key, connection) -> {
            if (key.startsWith(prefix) && live.remove(key, connection)) {
                connection.close();
            }
        });
    }

    private Connection connection(CurrentUser user, ServerRef server) {
        ServerConfig config = server.config();
        ServerConfig resolved = Placeholders.resolve(config, user, userVars.valuesOf(user, server));
        ClientFactory.Authorization authorization = config.usesOAuth() ? new ClientFactory.Authorization(
                () -> bearers.bearer(user, server), refused -> bearers.renewAfterRejection(user, server, refused)) : null;
        return live.computeIfAbsent(key(user, server), k -> {
            Connection[] self = new Connection[1];
            self[0] = new Connection(() -> {
                if (authorization != null) {
                    authorization.token().get(); // no token: sign in first, rather than a 401 from the server
                }
                return factory.open(resolved, Duration.ofMillis(config.initTimeoutMs()),
                        Duration.ofMillis(config.timeoutMs()), n -> self[0].onProgress(n), authorization);
            }, properties);
            return self[0];
        });
    }

    /** The connected client; a sign-in requirement named for the server. */
    private static McpSyncClient client(Connection connection, ServerRef server) {
        try {
            return connection.client();
        } catch (SignInRequired e) {
            throw e.serverName() == null ? new SignInRequired(server.name()) : e;
        }
    }

    private static String key(CurrentUser user, ServerRef server) {
        return server.name() + "|" + server.scope() + "|"
                + (server.config().perUser() || server.config().usesOAuth() ? user.tenantId() + "/" + user.id() : "*");
    }

    private void closeIdle() {
        try {
            live.forEach((key, connection) -> {
                if (connection.idleFor(properties.idleTimeout())) {
                    connection.close();
                    log.debug("Idle MCP connection closed server={}", key.substring(0, key.indexOf('|')));
                }
            });
        } catch (RuntimeException e) {
            log.warn("Closing idle MCP connections failed", e);
        }
    }

    @PreDestroy
    void closeAll() {
        sweeper.shutdownNow();
        calls.shutdownNow();
        live.values().forEach(Connection::close);
        live.clear();
    }
}
