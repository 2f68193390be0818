package io.parley.agent.sharing;

import io.parley.agent.definition.Agent;
import io.parley.agent.definition.AgentAccess;
import io.parley.agent.definition.Agents;
import io.parley.common.access.AccessClient.Entries;
import io.parley.common.access.AccessClient.Grant;
import io.parley.common.access.AccessClient.ShareChange;
import io.parley.common.access.AccessClient;
import io.parley.common.body.BodyReader;
import io.parley.common.body.UnreadBody;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The specification's sharing routes over the one ACL LibreChat's {@code /api/permissions/agent/:_id}
 * edits (auth-service's), so both views always agree. Reading needs the SHARE bit; changing applies the
 * rules of LibreChat's {@code PUT /api/permissions} (AGENTS.SHARE for people, groups and roles,
 * AGENTS.SHARE_PUBLIC for the public, an owner always left), all checked by auth-service.
 */
@Service
class AgentSharing {

    /** The {@code error} of a share body that fails its checks. */
    private static final String INVALID = "invalid_request";

    private final Agents agents;
    private final AgentAccess agentAccess;
    private final AccessClient access;
    private final BodyReader reader;

    AgentSharing(Agents agents, AgentAccess agentAccess, AccessClient access, BodyReader reader) {
        this.agents = agents;
        this.agentAccess = agentAccess;
        this.access = access;
        this.reader = reader;
    }

    AgentShares read(CurrentUser caller, String agentId) {
        agentAccess.requireUse();
        Agent agent = agents.find(caller, agentId);
        Entries entries = access.entries(AgentAccess.TYPE, agent.resourceId());
        return new AgentShares(AgentAccess.TYPE, agent.resourceId(), agent.id(),
                entries.principals().stream().map(Share.OfPrincipal::of).toList(), entries.isPublic(),
                entries.isPublic() ? entries.publicAccessRoleId() : null);
    }

    /** The SHARE bit is checked before the body is read: a stranger's body, valid or not, is never looked at. */
    Share share(CurrentUser caller, String agentId, UnreadBody body) {
        agentAccess.requireUse();
        Agent agent = agents.find(caller, agentId);
        agentAccess.require(agent, AccessClient.SHARE);
        ShareRequest request = reader.read(body, ShareRequest.class, INVALID, Set.of()).value();
        String shareId = request.shareId();
        Entries after = access.share(AgentAccess.TYPE, agent.resourceId(), change(shareId, request.accessRoleId()));
        return find(after, shareId).orElseThrow(() -> new ApiException.Unavailable("The share was not recorded"));
    }

    /** Reading the entries needs the SHARE bit (auth-service checks it), so the body is read after that. */
    Share change(CurrentUser caller, String agentId, String shareId, UnreadBody body) {
        agentAccess.requireUse();
        Agent agent = agents.find(caller, agentId);
        requireExisting(access.entries(AgentAccess.TYPE, agent.resourceId()), shareId);
        RoleChange request = reader.read(body, RoleChange.class, INVALID, Set.of()).value();
        Entries after = access.share(AgentAccess.TYPE, agent.resourceId(), change(shareId, request.accessRoleId()));
        return find(after, shareId).orElseThrow(AgentSharing::shareNotFound);
    }

    void remove(CurrentUser caller, String agentId, String shareId) {
        agentAccess.requireUse();
        Agent agent = agents.find(caller, agentId);
        requireExisting(access.entries(AgentAccess.TYPE, agent.resourceId()), shareId);
        ShareChange change = shareId.equals("public") ? new ShareChange(List.of(), List.of(), false, null)
                : new ShareChange(List.of(), List.of(grant(shareId, null)), null, null);
        access.share(AgentAccess.TYPE, agent.resourceId(), change);
    }

    private static ShareChange change(String shareId, @Nullable String accessRoleId) {
        if (shareId.equals("public")) {
            return new ShareChange(List.of(), List.of(), true, accessRoleId);
        }
        return new ShareChange(List.of(grant(shareId, accessRoleId)), List.of(), null, null);
    }

    private static Grant grant(String shareId, @Nullable String accessRoleId) {
        int colon = shareId.indexOf(':');
        return new Grant(shareId.substring(0, colon), shareId.substring(colon + 1), accessRoleId);
    }

    private static void requireExisting(Entries entries, String shareId) {
        if (find(entries, shareId).isEmpty()) {
            throw shareNotFound();
        }
    }

    private static Optional<Share> find(Entries entries, String shareId) {
        if (shareId.equals("public")) {
            return entries.isPublic() ? Optional.of(Share.Public.of(entries.publicAccessRoleId())) : Optional.empty();
        }
        for (AccessClient.Entry entry : entries.principals()) {
            Share.OfPrincipal share = Share.OfPrincipal.of(entry);
            if (share.shareId().equals(shareId)) {
                return Optional.of(share);
            }
        }
        return Optional.empty();
    }

    private static ApiException shareNotFound() {
        return new ApiException.NotFound("Share not found", "Share not found");
    }
}
