package io.parley.mcp.tool;

import io.modelcontextprotocol.spec.McpSchema;
import io.parley.common.security.CurrentUser;
import io.parley.mcp.connection.Connections;
import io.parley.mcp.connection.SignInRequired;
import io.parley.mcp.server.ServerRef;
import io.parley.mcp.server.ServerRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The tools of the servers a person may use, asked of every server at once; a server that fails or
 * does not answer within the wait is listed without tools (its status says why), never failing the list.
 * A server the person must sign in to first is listed without tools too, and named as such.
 */
@Component
public class ToolCatalog {

    private static final Logger log = LoggerFactory.getLogger(ToolCatalog.class);
    /** Tool names a model and LibreChat's keys can carry; others (control characters, spaces…) are left out. */
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final ServerRegistry registry;
    private final Connections connections;
    /** Not closed per list: closing would wait for a server that does not answer. */
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    ToolCatalog(ServerRegistry registry, Connections connections) {
        this.registry = registry;
        this.connections = connections;
    }

    /**
     * @param tools    per server name (in name order), its tools; empty for a server that could not be asked
     * @param signInRequired the servers whose tools the person cannot list before signing in to them
     */
    public record Listing(Map<String, List<McpTool>> tools, Set<String> signInRequired) {
    }

    /**
     * @param only   server names to ask; empty for all
     * @param wait   how long to wait for the slowest server
     */
    public Listing list(CurrentUser user, List<String> only, Duration wait) {
        Map<String, ServerRef> servers = registry.usableBy(user);
        Map<String, Future<List<McpTool>>> asked = new LinkedHashMap<>();
        Map<String, List<McpTool>> result = new LinkedHashMap<>();
        Set<String> signIn = new TreeSet<>();
        long deadline = System.nanoTime() + wait.toNanos();
        servers.forEach((name, server) -> {
            if (only.isEmpty() || only.contains(name)) {
                asked.put(name, pool.submit(() -> toolsOf(user, server)));
            }
        });
        asked.forEach((name, future) -> {
            try {
                result.put(name, future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.put(name, List.of());
            } catch (ExecutionException e) {
                if (SignInRequired.in(e.getCause(), name) != null) {
                    signIn.add(name);
                } else {
                    log.debug("MCP server left out of the tool list server={} reason={}", name, e.getCause().getClass().getSimpleName());
                }
                result.put(name, List.of());
            } catch (Exception e) {
                future.cancel(true);
                log.debug("MCP server left out of the tool list server={} reason={}", name, e.getClass().getSimpleName());
                result.put(name, List.of());
            }
        });
        return new Listing(result, signIn);
    }

    /** One tool of one server the person may use, or null when the server has no such tool. */
    public McpTool find(CurrentUser user, String server, String tool) {
        return toolsOf(user, registry.require(user, server)).stream().filter(t -> t.name().equals(tool)).findFirst().orElse(null);
    }

    private List<McpTool> toolsOf(CurrentUser user, ServerRef server) {
        List<McpTool> out = new ArrayList<>();
        for (McpSchema.Tool tool : connections.tools(user, server)) {
            if (tool.name() != null && TOOL_NAME.matcher(tool.name()).matches()) {
                out.add(new McpTool(McpTool.pluginKey(tool.name(), server.name()), server.name(), tool.name(),
                        Texts.limit(tool.description(), Texts.DESCRIPTION),
                        tool.inputSchema() == null ? Map.of("type", "object") : tool.inputSchema()));
            }
        }
        return out;
    }
}
