package io.parley.mcp.tool;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.mcp.server.ServerConfig;
import io.parley.mcp.server.ServerRef;
import io.parley.mcp.server.ServerRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/mcp/tools} (LibreChat's shape plus the seed's flat list) and the seed's {@code POST /api/mcp/tools/call}. */
@RestController
@RequestMapping("/api/mcp/tools")
class ToolController {

    static final Duration LIST_WAIT = Duration.ofSeconds(10);

    private final ServerRegistry registry;
    private final ToolCatalog catalog;
    private final ToolCalls calls;

    ToolController(ServerRegistry registry, ToolCatalog catalog, ToolCalls calls) {
        this.registry = registry;
        this.catalog = catalog;
        this.calls = calls;
    }

    @GetMapping({"", "/"})
    Map<String, Object> list(CurrentUser caller) {
        Map<String, ServerRef> servers = registry.usableBy(caller);
        ToolCatalog.Listing listing = catalog.list(caller, List.of(), LIST_WAIT);
        Map<String, List<McpTool>> tools = listing.tools();
        Map<String, Object> byServer = new LinkedHashMap<>();
        List<Map<String, Object>> flat = new ArrayList<>();
        tools.forEach((name, list) -> {
            ServerConfig config = servers.get(name).config();
            List<Map<String, Object>> shown = new ArrayList<>();
            for (McpTool tool : list) {
                shown.add(Map.of("name", tool.name(), "pluginKey", tool.pluginKey(), "description", tool.description()));
                flat.add(Map.of("server", name, "name", tool.name(), "pluginKey", tool.pluginKey(),
                        "description", tool.description(), "inputSchema", tool.inputSchema()));
            }
            List<Map<String, Object>> authConfig = new ArrayList<>();
            config.customUserVars().forEach((var, spec) -> authConfig.add(Map.of("authField", var,
                    "label", spec.title() == null ? var : spec.title(),
                    "description", spec.description() == null ? "" : spec.description(),
                    "sensitive", spec.sensitive() == null || spec.sensitive())));
            byServer.put(name, Map.of("name", name, "icon", config.iconPath() == null ? "" : config.iconPath(),
                    "authenticated", !listing.signInRequired().contains(name), "authConfig", authConfig,
                    "tools", shown));
        });
        return Map.of("servers", byServer, "tools", flat);
    }

    /** The seed's call: {@code {server, tool, arguments?, timeoutMs?}}. */
    @PostMapping("/call")
    ToolResult call(CurrentUser caller, @RequestBody(required = false) CallRequest body) {
        if (body == null || blank(body.server()) || blank(body.tool())) {
            throw new ApiException.Invalid("invalid_request", "server and tool are required",
                    List.of(new ApiException.FieldProblem("server", "required"), new ApiException.FieldProblem("tool", "required")));
        }
        return calls.call(caller, body.server(), body.tool(), body.arguments(), body.timeoutMs() == null ? 0 : body.timeoutMs());
    }

    record CallRequest(String server, String tool, Map<String, Object> arguments, Long timeoutMs) {
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
