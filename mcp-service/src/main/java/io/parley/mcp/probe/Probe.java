package io.parley.mcp.probe;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.parley.common.error.ApiException;
import io.parley.mcp.connection.ClientFactory;
import io.parley.mcp.connection.UpstreamFailure;
import io.parley.mcp.server.ServerConfig;
import io.parley.mcp.tool.Texts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Connects to a server once, initializes, lists its tools and closes — saving nothing. Only remote
 * transports (a probe must never start a process), through the SSRF guard; the whole probe is bounded
 * by the init timeout (default 10 s, at most 30 s) plus one more for the tool list, so it never hangs.
 */
@Component
class Probe {

    static final long DEFAULT_TIMEOUT_MS = 10_000;
    static final long MAX_TIMEOUT_MS = 30_000;

    private final ClientFactory factory;
    private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();

    Probe(ClientFactory factory) {
        this.factory = factory;
    }

    record Result(boolean success, String transport, Map<String, String> serverInfo, String protocolVersion,
                  int toolCount, List<String> tools, long latencyMs) {
    }

    Result probe(ServerConfig config) {
        String transport = config.transport();
        if (!ServerConfig.REMOTE.contains(transport)) {
            throw ApiException.Invalid.field("type", "only remote servers (sse, streamable-http, http, websocket) can be probed");
        }
        long timeout = config.initTimeout() == null || config.initTimeout() <= 0 ? DEFAULT_TIMEOUT_MS
                : Math.min(config.initTimeout(), MAX_TIMEOUT_MS);
        long started = System.nanoTime();
        Future<Result> running = probes.submit(() -> {
            McpSyncClient client = factory.open(config, Duration.ofMillis(timeout), Duration.ofMillis(timeout), n -> { });
            try {
                McpSchema.InitializeResult init = client.getCurrentInitializationResult();
                List<McpSchema.Tool> tools = client.listTools().tools();
                List<String> names = tools == null ? List.of() : tools.stream().map(t -> Texts.limit(t.name(), Texts.NAME)).toList();
                McpSchema.Implementation info = init.serverInfo();
                Map<String, String> serverInfo = info == null ? Map.of() : Map.of("name", Texts.limit(info.name(), 256),
                        "version", Texts.limit(info.version(), 256), "title", Texts.limit(info.title(), 256));
                return new Result(true, transport, serverInfo, Texts.limit(init.protocolVersion(), 64), names.size(), names,
                        (System.nanoTime() - started) / 1_000_000);
            } finally {
                ClientFactory.closeQuietly(client);
            }
        });
        try {
            return running.get(2 * timeout + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, "The MCP server did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "The probe was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            throw ClientFactory.failure(e.getCause(), "the probe");
        }
    }
}
