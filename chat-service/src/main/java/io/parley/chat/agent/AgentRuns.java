package io.parley.chat.agent;

import io.parley.chat.endpoint.Endpoint;
import io.parley.chat.endpoint.EndpointCatalog;
import io.parley.chat.provider.Cancellation;
import io.parley.chat.provider.ModelRequest.ToolCall;
import io.parley.common.access.RolesClient;
import io.parley.common.error.ApiException;
import io.parley.proto.agent.v1.Agent;
import io.parley.proto.mcp.v1.Tool;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs of saved agents. Before anything is stored, prepares a run: the person's role must allow
 * agents, the agent must be one they may view, its provider one this installation serves, and its
 * MCP tools are looked up. While the run goes on, calls those tools. Every call acts for the person
 * whose authentication the calling thread carries.
 */
@Component
public class AgentRuns {

    /** LibreChat's endpoint name of saved agents. */
    public static final String ENDPOINT = "agents";
    private static final String MCP_DELIMITER = "_mcp_";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AgentsClient agents;
    private final McpToolsClient mcp;
    private final RolesClient roles;
    private final EndpointCatalog endpoints;
    private final int defaultRecursionLimit;
    private final int maxRecursionLimit;
    private final Duration toolTimeout;

    AgentRuns(AgentsClient agents, McpToolsClient mcp, RolesClient roles, EndpointCatalog endpoints,
              @Value("${librechat.endpoints.agents.recursionLimit:25}") int defaultRecursionLimit,
              @Value("${librechat.endpoints.agents.maxRecursionLimit:0}") int maxRecursionLimit,
              @Value("${parley.chat.agents.tool-timeout:60s}") Duration toolTimeout) {
        this.agents = agents;
        this.mcp = mcp;
        this.roles = roles;
        this.endpoints = endpoints;
        this.defaultRecursionLimit = defaultRecursionLimit;
        this.maxRecursionLimit = maxRecursionLimit;
        this.toolTimeout = toolTimeout;
    }

    /** Called while serving the person's request, whose token goes on to auth-, agent- and mcp-service. */
    public AgentSetup prepare(@Nullable String agentId) {
        if (agentId == null || agentId.isBlank()) {
            throw new ApiException.Invalid("Bad Request", "agent_id is required in request body", List.of());
        }
        roles.require("AGENTS", "USE");
        Agent agent = agents.get(agentId);
        Endpoint endpoint = endpoints.find(agent.getProvider()).orElseThrow(() -> ApiException.Invalid.field("agent_id",
                "uses provider " + agent.getProvider() + ", which is not an endpoint of this installation"));
        Map<String, Object> parameters = parameters(agent.getModelParametersJson());
        Integer maxContext = parameters.remove("maxContextTokens") instanceof Number n && n.intValue() > 0 ? n.intValue() : null;
        parameters.remove("model");
        String model = agent.getModel().isBlank() ? endpoints.models(endpoint).stream().findFirst()
                .orElseThrow(() -> ApiException.Invalid.field("agent_id", "names no model")) : agent.getModel();
        return new AgentSetup(agent.getId(), agent.getName(), endpoint, model, agent.getInstructions(), parameters,
                maxContext, tools(agent), recursionLimit(agent), contextFileIds(agent.getToolResourcesJson()));
    }

    /** The file ids of the agent's {@code context} and {@code ocr} tool resources, without repeats. */
    private static List<String> contextFileIds(String toolResourcesJson) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        Map<String, Object> resources = parameters(toolResourcesJson);
        for (String resource : List.of("context", "ocr")) {
            if (resources.get(resource) instanceof Map<?, ?> entry && entry.get("file_ids") instanceof List<?> fileIds) {
                fileIds.stream().filter(String.class::isInstance).map(String.class::cast).forEach(ids::add);
            }
        }
        return List.copyOf(ids);
    }

    private int recursionLimit(Agent agent) {
        int limit = agent.hasRecursionLimit() && agent.getRecursionLimit() > 0 ? agent.getRecursionLimit()
                : defaultRecursionLimit;
        return maxRecursionLimit > 0 ? Math.min(limit, maxRecursionLimit) : limit;
    }

    /**
     * The agent's MCP tools that mcp-service offers the person now; other kinds of tools are not run here.
     * The tools of a server the person has not signed in to yet cannot be listed: the model is offered
     * them by name (as LibreChat keeps an agent's tools while their server waits for a sign-in), and
     * calling one gives the person the sign-in link.
     */
    private RunTools tools(Agent agent) {
        List<String> wanted = agent.getToolsList().stream().filter(t -> t.contains(MCP_DELIMITER)).toList();
        Map<String, Tool> byName = new LinkedHashMap<>();
        if (!wanted.isEmpty()) {
            McpToolsClient.Listing listing = mcp.list(agent.getMcpServerNamesList());
            for (Tool tool : listing.tools()) {
                if (wanted.contains(tool.getPluginKey())) {
                    byName.put(tool.getPluginKey(), tool);
                }
            }
            for (String key : wanted) {
                String server = key.substring(key.lastIndexOf(MCP_DELIMITER) + MCP_DELIMITER.length());
                if (!byName.containsKey(key) && listing.signInServers().contains(server)) {
                    byName.put(key, Tool.newBuilder().setPluginKey(key).setServer(server)
                            .setName(key.substring(0, key.lastIndexOf(MCP_DELIMITER)))
                            .setDescription("A tool of " + server + ", which the user must sign in to before it can be used")
                            .setInputSchemaJson("{\"type\":\"object\",\"properties\":{}}").build());
                }
            }
        }
        return new RunTools(byName, toolTimeout);
    }

    /**
     * Runs one of the run's tools and returns the output the model is shown: the tool's result, or
     * what went wrong (a tool it was not offered, a failing server, a sign-in the person must make first)
     * as text.
     *
     * @throws io.parley.chat.provider.ProviderException.Cancelled when the turn is stopped meanwhile
     */
    public ToolOutput callTool(RunTools tools, ToolCall call, Cancellation cancel) {
        Tool tool = tools.named(call.name());
        if (tool == null) {
            return ToolOutput.of("Error: there is no tool named " + call.name());
        }
        return mcp.call(tool, call.argumentsJson(), tools.timeout(), cancel);
    }

    /** A JSON object of the agent (model_parameters, tool_resources); agent-service only stores objects, anything else counts as none. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(String json) {
        if (json == null || json.isBlank()) {
            return new HashMap<>();
        }
        try {
            return JSON.readValue(json, Object.class) instanceof Map<?, ?> map ? new HashMap<>((Map<String, Object>) map)
                    : new HashMap<>();
        } catch (tools.jackson.core.JacksonException unreadable) {
            return new HashMap<>();
        }
    }
}
