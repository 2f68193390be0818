package io.parley.mcp.server;

import io.parley.common.access.AccessClient;
import io.parley.common.access.RolesClient;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.mcp.guard.OutboundGuard;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * User-managed servers (LibreChat 0.8.2's {@code /api/mcp/servers}): remote transports only (a stdio
 * server runs a command on this host: CVE-2026-22252), URLs through the SSRF guard, headers sealed,
 * shared through auth-service's ACL as resource type {@code mcpServer} (the stored id is the resource
 * id). Routes need MCP_SERVERS.USE, writes also CREATE. The creator is made owner before anything is
 * stored; an ADMIN reaches every server of the tenant through the ACL's bypass.
 */
@Component
public class UserServers {

    public static final String RESOURCE_TYPE = "mcpServer";
    private static final Logger log = LoggerFactory.getLogger(UserServers.class);
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade");

    private final UserServerStore store;
    private final ServerSecrets secrets;
    private final OutboundGuard guard;
    private final AccessClient access;
    private final RolesClient roles;
    private final Set<String> operatorNames;

    UserServers(UserServerStore store, ServerSecrets secrets, OutboundGuard guard, AccessClient access, RolesClient roles,
                McpSettings settings) {
        this.store = store;
        this.secrets = secrets;
        this.guard = guard;
        this.access = access;
        this.roles = roles;
        this.operatorNames = settings.mcpServers().keySet();
    }

    /**
     * The tenant's servers the person may view. Without auth-service only their own (a list must not
     * fail because sharing cannot be read); no servers in the tenant: no call at all.
     */
    public List<ServerRef> visibleTo(CurrentUser user) {
        if (!store.anyInTenant(user.tenantId())) {
            return List.of();
        }
        boolean all = false;
        Set<String> shared = new HashSet<>();
        try {
            AccessClient.Accessible accessible = access.accessible(RESOURCE_TYPE, AccessClient.VIEW, UserServerStore.MAX_PER_TENANT);
            all = accessible.all();
            shared.addAll(accessible.ids());
        } catch (ApiException e) {
            log.warn("Shared MCP servers left out: access could not be read tenant_id={} reason={}", user.tenantId(), e.error());
        }
        List<ServerRef> out = new ArrayList<>();
        for (Document d : store.inTenant(user.tenantId())) {
            String id = d.getObjectId("_id").toHexString();
            if (all || shared.contains(id) || user.id().equals(d.getString("author"))) {
                out.add(ref(d, user.tenantId()));
            }
        }
        return out;
    }

    public ServerRef create(CurrentUser user, Map<String, Object> body, ServerConfig config) {
        roles.require("MCP_SERVERS", "USE", "CREATE");
        String name = nameOf(body, config);
        validate(config);
        // A name is the server's id in the tenant: a taken one is refused before anything is granted or
        // stored; two creates racing for it meet at the unique index below.
        if (operatorNames.contains(name) || store.nameTaken(user.tenantId(), name)) {
            throw new ApiException.Conflict("An MCP server named '" + name + "' already exists");
        }
        ObjectId id = new ObjectId();
        access.grantOwner(RESOURCE_TYPE, id.toHexString());
        Date now = new Date();
        Document doc = new Document("_id", id).append("tenantId", user.tenantId()).append("serverName", name)
                .append("author", user.id()).append("config", stored(config))
                .append("headers", new Binary(secrets.seal(config.headers(), user.tenantId(), id.toHexString())))
                .append("createdAt", now).append("updatedAt", now);
        try {
            store.insert(doc);
        } catch (DuplicateKeyException e) {
            revokeQuietly(id.toHexString());
            throw new ApiException.Conflict("An MCP server named '" + name + "' already exists");
        }
        return ref(doc, user.tenantId());
    }

    /**
     * @param body read only after the role gate and the EDIT bit, so who may not edit learns nothing from it
     * @return the changed server; the caller closes the old one's connections
     */
    public ServerRef update(CurrentUser user, ServerRef server, Supplier<ServerConfig> body) {
        roles.require("MCP_SERVERS", "USE", "CREATE");
        requireBits(server, AccessClient.EDIT);
        ServerConfig config = body.get();
        validate(config);
        store.update(user.tenantId(), new ObjectId(server.id()), stored(config),
                new Binary(secrets.seal(config.headers(), user.tenantId(), server.id())));
        return new ServerRef(server.name(), server.scope(), config, server.id());
    }

    public void delete(CurrentUser user, ServerRef server) {
        roles.require("MCP_SERVERS", "USE", "CREATE");
        requireBits(server, AccessClient.DELETE);
        store.delete(user.tenantId(), new ObjectId(server.id()));
        revokeQuietly(server.id());
    }

    /** For account erasure: the servers the person authored, deleted; their ACL entries are left to auth-service. */
    public List<ServerRef> deleteAuthoredBy(String tenantId, String userId) {
        List<ServerRef> deleted = new ArrayList<>();
        for (Document d : store.authoredBy(tenantId, userId)) {
            if (store.delete(tenantId, d.getObjectId("_id"))) {
                deleted.add(ref(d, tenantId));
            }
        }
        return deleted;
    }

    public void requireBits(ServerRef server, int bits) {
        if (!access.check(RESOURCE_TYPE, server.id(), bits).allowed()) {
            throw new ApiException.Forbidden("Forbidden", "Insufficient permissions to access this MCP server");
        }
    }

    private void validate(ServerConfig config) {
        List<ApiException.FieldProblem> problems = new ArrayList<>();
        String type = config.transport();
        if ("stdio".equals(type) || config.command() != null || !config.args().isEmpty() || !config.env().isEmpty()) {
            problems.add(new ApiException.FieldProblem("type", "only remote servers (sse, streamable-http, http) can be added; "
                    + "stdio servers come from the operator's configuration"));
        } else if (!Set.of("sse", "streamable-http").contains(type)) {
            problems.add(new ApiException.FieldProblem("type", "must be sse, streamable-http or http"));
        }
        try {
            guard.check(config.url());
        } catch (ApiException e) {
            problems.add(new ApiException.FieldProblem("url", e.getMessage()));
        }
        if (config.headers().size() > 20) {
            problems.add(new ApiException.FieldProblem("headers", "at most 20"));
        }
        config.headers().forEach((k, v) -> {
            if (!HEADER_NAME.matcher(k).matches() || FORBIDDEN_HEADERS.contains(k.toLowerCase())
                    || v == null || v.length() > 4096 || v.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                problems.add(new ApiException.FieldProblem("headers." + k, "is not a header that may be sent"));
            }
        });
        checkText(problems, "title", config.title(), 100);
        checkText(problems, "description", config.description(), 2000);
        checkText(problems, "iconPath", config.iconPath(), 2048);
        if (config.timeout() != null && (config.timeout() < 1000 || config.timeout() > 600_000)) {
            problems.add(new ApiException.FieldProblem("timeout", "must be 1000–600000 ms"));
        }
        if (config.initTimeout() != null && (config.initTimeout() < 1000 || config.initTimeout() > 120_000)) {
            problems.add(new ApiException.FieldProblem("initTimeout", "must be 1000–120000 ms"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException.Invalid("Invalid configuration", "Invalid configuration", problems);
        }
    }

    private static void checkText(List<ApiException.FieldProblem> problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(new ApiException.FieldProblem(field, "at most " + max + " characters"));
        }
    }

    private static String nameOf(Map<String, Object> body, ServerConfig config) {
        Object given = body.get("serverName");
        String name = given instanceof String s && !s.isBlank() ? s.trim()
                : config.title() == null ? "" : config.title().trim().toLowerCase().replaceAll("[^a-z0-9]+", "_")
                        .replaceAll("^_+|_+$", "");
        if (!ServerRegistry.NAME.matcher(name).matches() || name.contains("_mcp_")) {
            throw new ApiException.Invalid("Invalid configuration", "Invalid configuration", List.of(new ApiException.FieldProblem(
                    "serverName", "1–100 letters, digits, spaces, _ . or -, starting with a letter or digit (or a title to derive it from)")));
        }
        return name;
    }

    private static Document stored(ServerConfig c) {
        Document vars = new Document();
        c.customUserVars().forEach((k, v) -> vars.append(k, new Document("title", v.title()).append("description", v.description())
                .append("sensitive", v.sensitive())));
        return new Document("type", c.transport()).append("url", c.url()).append("title", c.title())
                .append("description", c.description()).append("iconPath", c.iconPath()).append("timeout", c.timeout())
                .append("initTimeout", c.initTimeout()).append("requiresOAuth", c.requiresOAuth()).append("customUserVars", vars);
    }

    private ServerRef ref(Document d, String tenantId) {
        String id = d.getObjectId("_id").toHexString();
        Document c = d.get("config", Document.class);
        Map<String, ServerConfig.UserVar> vars = new LinkedHashMap<>();
        Document storedVars = c.get("customUserVars", Document.class);
        if (storedVars != null) {
            storedVars.forEach((k, v) -> {
                Document var = (Document) v;
                vars.put(k, new ServerConfig.UserVar(var.getString("title"), var.getString("description"), var.getBoolean("sensitive")));
            });
        }
        Map<String, String> headers = d.get("headers") instanceof Binary sealed ? secrets.open(sealed.getData(), tenantId, id) : Map.of();
        ServerConfig config = new ServerConfig(c.getString("type"), c.getString("url"), null, null, null, headers,
                number(c.get("timeout")), number(c.get("initTimeout")), c.getString("iconPath"), c.getString("title"),
                c.getString("description"), null, null, c.getBoolean("requiresOAuth"), vars, null);
        return new ServerRef(d.getString("serverName"), tenantId + "/" + id, config, id);
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private void revokeQuietly(String id) {
        try {
            access.revokeAll(RESOURCE_TYPE, id);
        } catch (ApiException e) {
            log.warn("ACL entries of a removed MCP server left behind server_id={} reason={}", id, e.error());
        }
    }
}
