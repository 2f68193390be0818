package io.parley.mcp.server;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The MCP servers a person may use: the operator's {@code mcpServers} from librechat.yaml (the only
 * place a stdio server can come from: CVE-2026-22252 was command execution through user-made stdio
 * servers), then the user-managed servers of their tenant they may view. An operator's name wins.
 */
@Component
public class ServerRegistry {

    /** Server names as LibreChat keys them in tool names ({@code <tool>_mcp_<server>}). */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}");

    private final Map<String, ServerRef> operator;
    private final UserServers userServers;

    ServerRegistry(McpSettings settings, UserServers userServers) {
        this.userServers = userServers;
        Map<String, ServerRef> valid = new TreeMap<>();
        settings.mcpServers().forEach((name, config) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException("mcpServers: '" + name + "' is not a usable server name");
            }
            valid.put(name, new ServerRef(name, ServerRef.OPERATOR, config, null));
        });
        this.operator = Map.copyOf(valid);
    }

    /** Every server the person may use, by name, in name order. */
    public Map<String, ServerRef> usableBy(CurrentUser user) {
        Map<String, ServerRef> all = new TreeMap<>(operator);
        userServers.visibleTo(user).forEach(server -> all.putIfAbsent(server.name(), server));
        return all;
    }

    /** @throws ApiException.NotFound LibreChat's message for a name the person cannot use */
    public ServerRef require(CurrentUser user, String name) {
        ServerRef server = name == null ? null : operator.get(name);
        if (server == null && name != null) {
            server = usableBy(user).get(name);
        }
        if (server == null) {
            throw notFound(name);
        }
        return server;
    }

    public static ApiException.NotFound notFound(String name) {
        String shown = name == null ? "" : name.length() > 100 ? name.substring(0, 100) : name;
        return new ApiException.NotFound("MCP server '" + shown + "' not found in configuration",
                "MCP server '" + shown + "' not found in configuration");
    }
}
