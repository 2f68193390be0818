package io.parley.mcp.server;

import io.parley.common.crypto.AesGcmSealer;
import io.parley.common.crypto.SecretKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The headers of user-managed servers (often API keys) are stored sealed (AES-256-GCM, bound to the
 * tenant and server id) with {@code CREDS_KEY}, or a key generated once into the data folder.
 */
@Component
class ServerSecrets {

    private static final String PURPOSE = "parley.mcp-server-headers.v1";

    private final AesGcmSealer sealer;
    private final JsonMapper json;

    ServerSecrets(@Value("${parley.mcp.creds-key:}") String credsKey, @Value("${parley.mcp.key-file}") Path keyFile,
                  JsonMapper json) {
        this.sealer = new AesGcmSealer(SecretKeys.fromSettingOrFile(credsKey, "CREDS_KEY", keyFile, "MCP server headers"), PURPOSE);
        this.json = json;
    }

    byte[] seal(Map<String, String> headers, String tenantId, String id) {
        return sealer.seal(json.writeValueAsString(headers).getBytes(StandardCharsets.UTF_8), tenantId, id);
    }

    Map<String, String> open(byte[] sealed, String tenantId, String id) {
        return json.readValue(new String(sealer.open(sealed, tenantId, id), StandardCharsets.UTF_8),
                new TypeReference<Map<String, String>>() { });
    }
}
