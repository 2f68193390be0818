package io.parley.agent.sharing;

import io.parley.agent.definition.AgentAccess;
import io.parley.agent.definition.Agents;
import io.parley.agent.definition.UnreadBody;
import io.parley.common.access.AccessClient;
import io.parley.common.access.AccessClient.Entries;
import io.parley.common.access.AccessClient.Grant;
import io.parley.common.access.AccessClient.ShareChange;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Service;

/**
 * The specification's sharing routes over the one ACL LibreChat's {@code /api/permissions/agent/:_id}
 * edits (auth-service's), so both views always agree. A share is one principal's role on the agent,
 * named by a {@code shareId}: {@code user:<id>}, {@code group:<id>}, {@code role:<name>} or
 * {@code public}. Reading needs the SHARE bit; changing applies the rules of LibreChat's
 * {@code PUT /api/permissions} (AGENTS.SHARE for people, groups and roles, AGENTS.SHARE_PUBLIC for the
 * public, an owner always left), all checked by auth-service.
 */
@Service
class AgentSharing {

    private static final Set<String> PRINCIPAL_TYPES = Set.of("user", "group", "role");

    private final Agents agents;
    private final AgentAccess agentAccess;
    private final AccessClient access;

    AgentSharing(Agents agents, AgentAccess agentAccess, AccessClient access) {
        this.agents = agents;
        this.agentAccess = agentAccess;
        this.access = access;
    }

    /** {@code {type, id?, accessRoleId}}: {@code id} for user, group and role; none for {@code public}. */
    record ShareRequest(String type, String id, String accessRoleId) {
    }

    /** {@code {accessRoleId}}. */
    record RoleChange(String accessRoleId) {
    }

    Map<String, Object> read(CurrentUser caller, String agentId) {
        agentAccess.requireUse();
        Document agent = agents.find(caller, agentId);
        return view(agent, access.entries(AgentAccess.TYPE, AgentAccess.resourceId(agent)));
    }

    /** The SHARE bit is checked before the body is read: a stranger's body, valid or not, is never looked at. */
    Map<String, Object> share(CurrentUser caller, String agentId, UnreadBody body) {
        agentAccess.requireUse();
        Document agent = agents.find(caller, agentId);
        agentAccess.require(agent, AccessClient.SHARE);
        ShareRequest request = body.as(ShareRequest.class);
        if (request == null || request.type() == null) {
            throw ApiException.Invalid.field("type", "must be one of user, group, role, public");
        }
        String shareId = shareId(request.type(), request.id());
        Entries after = access.share(AgentAccess.TYPE, AgentAccess.resourceId(agent), change(shareId, request.accessRoleId()));
        return find(after, shareId).orElseThrow(() -> new ApiException.Unavailable("The share was not recorded"));
    }

    /** Reading the entries needs the SHARE bit (auth-service checks it), so the body is read after that. */
    Map<String, Object> change(CurrentUser caller, String agentId, String shareId, UnreadBody body) {
        agentAccess.requireUse();
        Document agent = agents.find(caller, agentId);
        String resourceId = AgentAccess.resourceId(agent);
        requireExisting(access.entries(AgentAccess.TYPE, resourceId), shareId);
        RoleChange request = body.as(RoleChange.class);
        String accessRoleId = request == null ? null : request.accessRoleId();
        if (accessRoleId == null || accessRoleId.isBlank()) {
            throw ApiException.Invalid.field("accessRoleId", "is required");
        }
        Entries after = access.share(AgentAccess.TYPE, resourceId, change(shareId, accessRoleId));
        return find(after, shareId).orElseThrow(AgentSharing::shareNotFound);
    }

    void remove(CurrentUser caller, String agentId, String shareId) {
        agentAccess.requireUse();
        Document agent = agents.find(caller, agentId);
        String resourceId = AgentAccess.resourceId(agent);
        requireExisting(access.entries(AgentAccess.TYPE, resourceId), shareId);
        ShareChange change = shareId.equals("public") ? new ShareChange(List.of(), List.of(), false, null)
                : new ShareChange(List.of(), List.of(grant(shareId, null)), null, null);
        access.share(AgentAccess.TYPE, resourceId, change);
    }

    private static ShareChange change(String shareId, String accessRoleId) {
        if (shareId.equals("public")) {
            return new ShareChange(List.of(), List.of(), true, accessRoleId);
        }
        return new ShareChange(List.of(grant(shareId, accessRoleId)), List.of(), null, null);
    }

    private static Grant grant(String shareId, String accessRoleId) {
        int colon = shareId.indexOf(':');
        return new Grant(shareId.substring(0, colon), shareId.substring(colon + 1), accessRoleId);
    }

    private static String shareId(String type, String id) {
        if (type.equals("public")) {
            return "public";
        }
        if (!PRINCIPAL_TYPES.contains(type)) {
            throw ApiException.Invalid.field("type", "must be one of user, group, role, public");
        }
        if (id == null || id.isBlank() || id.length() > 100) {
            throw ApiException.Invalid.field("id", "is required for a " + type);
        }
        return type + ":" + id;
    }

    private static void requireExisting(Entries entries, String shareId) {
        if (find(entries, shareId).isEmpty()) {
            throw shareNotFound();
        }
    }

    private static Optional<Map<String, Object>> find(Entries entries, String shareId) {
        if (shareId.equals("public")) {
            return entries.isPublic() ? Optional.of(publicShare(entries)) : Optional.empty();
        }
        return entries.principals().stream().filter(p -> (p.type() + ":" + p.id()).equals(shareId)).findFirst()
                .map(AgentSharing::share);
    }

    private static Map<String, Object> view(Document agent, Entries entries) {
        List<Map<String, Object>> principals = new ArrayList<>();
        entries.principals().forEach(p -> principals.add(share(p)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("resourceType", AgentAccess.TYPE);
        out.put("resourceId", AgentAccess.resourceId(agent));
        out.put("agent_id", agent.getString("id"));
        out.put("principals", principals);
        out.put("public", entries.isPublic());
        if (entries.isPublic()) {
            out.put("publicAccessRoleId", entries.publicAccessRoleId());
        }
        return out;
    }

    private static Map<String, Object> share(AccessClient.Entry p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shareId", p.type() + ":" + p.id());
        out.put("type", p.type());
        out.put("id", p.id());
        out.put("name", p.name());
        out.put("email", p.email());
        out.put("avatar", p.avatar());
        out.put("source", p.source());
        out.put("idOnTheSource", p.id());
        out.put("accessRoleId", p.accessRoleId());
        return out;
    }

    private static Map<String, Object> publicShare(Entries entries) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shareId", "public");
        out.put("type", "public");
        out.put("accessRoleId", entries.publicAccessRoleId());
        return out;
    }

    private static ApiException shareNotFound() {
        return new ApiException.NotFound("Share not found", "Share not found");
    }
}
