package io.parley.agent.sharing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api/agents/:id/access}: everyone the agent is shared with.
 *
 * @param resourceId         the agent's {@code _id} (the ACL's resource id)
 * @param agent_id           LibreChat's id of the agent
 * @param isPublic           whether it is shared with the public ({@code public} in JSON)
 * @param publicAccessRoleId the public's role, only while it is shared with the public
 */
record AgentShares(String resourceType, String resourceId, String agent_id, List<Share.OfPrincipal> principals,
                   @JsonProperty("public") boolean isPublic,
                   @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String publicAccessRoleId) {
}
