package io.parley.mcp.probe;

import io.parley.mcp.server.ServerConfig;
import java.util.Map;

/**
 * The seed's probe body: {@code {url, type?, headers?, initTimeout?}}, or LibreChat's create shape
 * {@code {config:{…}}}.
 */
record ProbeRequest(String url, String type, Map<String, String> headers, Long initTimeout, ServerConfig config) {

    ServerConfig toConfig() {
        if (config != null) {
            return config;
        }
        return new ServerConfig(type, url, null, null, null, headers, null, initTimeout, null, null, null, null, null,
                null, null, null);
    }
}
