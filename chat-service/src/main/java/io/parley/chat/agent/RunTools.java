package io.parley.chat.agent;

import io.parley.chat.provider.ModelRequest.ToolSpec;
import io.parley.proto.mcp.v1.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The tools of one agent run, by the name the model knows them by (LibreChat's
 * {@code <tool>_mcp_<server>}), and how long each call may take. A value: {@link AgentRuns#callTool}
 * calls them.
 */
public final class RunTools {

    /** No tools: a plain chat, or an agent without MCP tools. */
    public static final RunTools NONE = new RunTools(Map.of(), Duration.ZERO);

    private final Map<String, Tool> byName;
    private final Duration timeout;

    RunTools(Map<String, Tool> byName, Duration timeout) {
        this.byName = Map.copyOf(byName);
        this.timeout = timeout;
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** What the model is offered. */
    public List<ToolSpec> specs() {
        return byName.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new ToolSpec(e.getKey(), e.getValue().getDescription(), e.getValue().getInputSchemaJson()))
                .toList();
    }

    /** The tool the model calls {@code name}; null when it was not offered one by that name. */
    @Nullable Tool named(String name) {
        return byName.get(name);
    }

    Duration timeout() {
        return timeout;
    }
}
