package io.parley.mcp.tool;

import java.util.Map;

/**
 * A tool of a server, as mcp-service hands it out.
 *
 * @param pluginKey LibreChat's key, {@code <tool>_mcp_<server>}
 */
public record McpTool(String pluginKey, String server, String name, String description, Map<String, Object> inputSchema) {

    public static final String DELIMITER = "_mcp_";

    public static String pluginKey(String tool, String server) {
        return tool + DELIMITER + server;
    }
}
