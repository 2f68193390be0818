package io.parley.mcp.connection;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.parley.common.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One live MCP client (shared by everyone, or of one person) with its state, its tools as last
 * listed, and the backoff after failures. Connects lazily; one connect at a time.
 */
final class Connection {

    private final Supplier<McpSyncClient> opener;
    private final McpConnectionProperties properties;
    /** progress token → listener of the call that sent it. */
    final Map<Object, Consumer<McpSchema.ProgressNotification>> progress = new ConcurrentHashMap<>();

    private volatile McpSyncClient client;
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile String error;
    /** The guard's refusal of the last attempt, answered again until the backoff ends. */
    private ApiException refused;
    private volatile List<McpSchema.Tool> tools = List.of();
    private volatile Instant lastUsed = Instant.now();
    private volatile Instant nextAttempt = Instant.MIN;
    private int failures;

    Connection(Supplier<McpSyncClient> opener, McpConnectionProperties properties) {
        this.opener = opener;
        this.properties = properties;
    }

    void onProgress(McpSchema.ProgressNotification notification) {
        Consumer<McpSchema.ProgressNotification> listener = progress.get(notification.progressToken());
        if (listener != null) {
            listener.accept(notification);
        }
    }

    /** The connected client, connecting first when needed; within the backoff after a failure, that failure. */
    synchronized McpSyncClient client() {
        lastUsed = Instant.now();
        if (client != null) {
            return client;
        }
        if (Instant.now().isBefore(nextAttempt)) {
            if (refused != null) {
                throw refused;
            }
            throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, error == null ? "The MCP server is not reachable" : error);
        }
        state = ConnectionState.CONNECTING;
        McpSyncClient opened = null;
        try {
            opened = opener.get();
            List<McpSchema.Tool> listed = opened.listTools().tools();
            tools = listed == null ? List.of() : List.copyOf(listed);
            client = opened;
            state = ConnectionState.CONNECTED;
            error = null;
            refused = null;
            failures = 0;
            return opened;
        } catch (RuntimeException e) {
            if (opened != null) {
                ClientFactory.closeQuietly(opened);
            }
            SignInRequired signIn = SignInRequired.in(e, null);
            if (signIn != null) {
                // the person's to fix, not the server's failure: no backoff, so their next use after signing in connects
                state = ConnectionState.DISCONNECTED;
                error = null;
                throw signIn;
            }
            failures++;
            long wait = Math.min(properties.backoffMax().toMillis(),
                    properties.backoffInitial().toMillis() << Math.min(failures - 1, 20));
            nextAttempt = Instant.now().plusMillis(wait);
            state = ConnectionState.ERROR;
            if (e instanceof ApiException refusal) {
                // Parley's own refusal (the outbound guard on the stored address): the person's 4xx, not the server's 502.
                refused = refusal;
                error = refusal.getMessage();
                throw refusal;
            }
            UpstreamFailure failure = e instanceof UpstreamFailure f ? f : ClientFactory.failure(e, "list tools");
            error = failure.getMessage();
            throw e instanceof UpstreamFailure ? e : failure;
        }
    }

    /** After a transport failure during use: closes, so the next use connects again. */
    synchronized void broken(String message) {
        close();
        state = ConnectionState.ERROR;
        error = message;
    }

    /** Closes and forgets the backoff, so the next use connects at once. */
    synchronized void reset() {
        close();
        nextAttempt = Instant.MIN;
        failures = 0;
        error = null;
        refused = null;
    }

    synchronized void close() {
        McpSyncClient open = client;
        client = null;
        tools = List.of();
        state = ConnectionState.DISCONNECTED;
        if (open != null) {
            ClientFactory.closeQuietly(open);
        }
    }

    boolean idleFor(Duration idle) {
        return client != null && lastUsed.plus(idle).isBefore(Instant.now());
    }

    ConnectionState state() {
        return state;
    }

    String error() {
        return error;
    }

    List<McpSchema.Tool> tools() {
        return tools;
    }

    boolean isOpen() {
        return client != null;
    }
}
