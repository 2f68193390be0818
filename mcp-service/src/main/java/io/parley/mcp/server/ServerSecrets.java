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
 * The headers of user-managed servers (often API keys), people's custom user variables and their OAuth
 * tokens are stored sealed (AES-256-GCM, bound to the tenant and server id, or to tenant, person and
 * server) with {@code CREDS_KEY}, or a key generated once into the data folder.
 */
@Component
public class ServerSecrets {

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

    /** A person's values of a server's custom user variables, bound to tenant, person and server. */
    public byte[] sealUserVars(Map<String, String> values, String tenantId, String userId, String server) {
        return sealer.seal(json.writeValueAsString(values).getBytes(StandardCharsets.UTF_8), "user-vars", tenantId,
                userId, server);
    }

    public Map<String, String> openUserVars(byte[] sealed, String tenantId, String userId, String server) {
        return json.readValue(new String(sealer.open(sealed, "user-vars", tenantId, userId, server), StandardCharsets.UTF_8),
                new TypeReference<Map<String, String>>() { });
    }

    /**
     * Another secret a person holds for a server (their OAuth tokens, a pending sign-in), as JSON sealed
     * for {@code context}, whose first part names the kind so that no two kinds can be mistaken.
     */
    public byte[] sealJson(Object value, String kind, String... context) {
        return sealer.seal(json.writeValueAsBytes(value), withKind(kind, context));
    }

    /** @throws io.parley.common.crypto.AesGcmSealer.Unreadable when it was sealed for another context or key */
    public <T> T openJson(byte[] sealed, Class<T> type, String kind, String... context) {
        return json.readValue(sealer.open(sealed, withKind(kind, context)), type);
    }

    private static String[] withKind(String kind, String... context) {
        String[] all = new String[context.length + 1];
        all[0] = kind;
        System.arraycopy(context, 0, all, 1, context.length);
        return all;
    }

    Map<String, String> open(byte[] sealed, String tenantId, String id) {
        return json.readValue(new String(sealer.open(sealed, tenantId, id), StandardCharsets.UTF_8),
                new TypeReference<Map<String, String>>() { });
    }
}
