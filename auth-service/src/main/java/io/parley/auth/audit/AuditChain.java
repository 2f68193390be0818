package io.parley.auth.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chain's arithmetic: an entry's hash is SHA-256 over the canonical JSON (keys sorted, absent values left out)
 * of all its fields but the hash itself, {@code seq} and {@code prevHash} included, so editing any field, removing
 * an entry or swapping two breaks the chain at that point. The first entry links to {@link #GENESIS}.
 */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditChain() {
    }

    static String hash(AuditEntry entry) {
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("id", entry.id().toHexString());
        canonical.put("tenantId", entry.tenantId());
        canonical.put("chainKey", entry.chainKey());
        canonical.put("seq", entry.seq());
        canonical.put("prevHash", entry.prevHash());
        canonical.put("schemaVersion", entry.schemaVersion());
        canonical.put("category", entry.category());
        canonical.put("action", entry.action());
        canonical.put("outcome", entry.outcome());
        canonical.put("severity", entry.severity());
        canonical.put("actor", sorted("type", entry.actor().type(), "id", entry.actor().id(), "name", entry.actor().name()));
        canonical.put("target", sorted("type", entry.target().type(), "id", entry.target().id(), "name", entry.target().name()));
        canonical.put("metadata", new TreeMap<>(entry.metadata()));
        if (entry.context() != null) {
            canonical.put("context", sorted("requestId", entry.context().requestId(), "ip", entry.context().ip(),
                    "userAgent", entry.context().userAgent()));
        }
        canonical.put("createdAt", entry.createdAt().toEpochMilli());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(canonical)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Map<String, Object> sorted(Object... keysAndValues) {
        Map<String, Object> map = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}
