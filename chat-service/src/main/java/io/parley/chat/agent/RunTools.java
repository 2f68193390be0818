package io.parley.chat.agent;

import io.parley.chat.provider.Cancellation;
import io.parley.chat.provider.ModelRequest.ToolCall;
import io.parley.chat.provider.ModelRequest.ToolSpec;
import io.parley.proto.mcp.v1.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The tools of one agent run, by the name the model knows them by (LibreChat's
 * {@code <tool>_mcp_<server>}), and the means to call them for the person whose turn it is.
 */
public final class RunTools {

    private final Map<String, Tool> byName;
    private final McpTools mcp;
    private final String accessToken;
    private final Duration timeout;

    RunTools(Map<String, Tool> byName, McpTools mcp, String accessToken, Duration timeout) {
        this.byName = Map.copyOf(byName);
        this.mcp = mcp;
        this.accessToken = accessToken;
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

    /**
     * Runs the call and returns the output the model is shown: the tool's result, or what went wrong
     * (a tool it was not offered, a failing server) as text.
     *
     * @throws io.parley.chat.provider.ProviderException.Cancelled when the turn is stopped meanwhile
     */
    public String call(ToolCall call, Cancellation cancel) {
        Tool tool = byName.get(call.name());
        if (tool == null) {
            return "Error: there is no tool named " + call.name();
        }
        return mcp.call(tool, call.argumentsJson(), accessToken, timeout, cancel);
    }
}
