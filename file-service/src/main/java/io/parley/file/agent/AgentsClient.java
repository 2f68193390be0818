package io.parley.file.agent;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.parley.common.error.ApiException;
import io.parley.common.grpc.GrpcErrors;
import io.parley.proto.agent.v1.AddResourceFileRequest;
import io.parley.proto.agent.v1.Agent;
import io.parley.proto.agent.v1.AgentsGrpc;
import io.parley.proto.agent.v1.CanReadFileRequest;
import io.parley.proto.agent.v1.GetAgentRequest;
import io.parley.proto.agent.v1.SetAgentAvatarRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * agent-service's {@code Agents} as file-service uses it, for the person whose token the request
 * carries: an agent's avatar and tool-resource files (agent-service checks EDIT), and reading a file
 * through an agent the person may VIEW.
 */
@Component
public class AgentsClient {

    private static final int EDIT = 2;

    private final AgentsGrpc.AgentsBlockingStub agents;
    private final JsonMapper json;

    AgentsClient(GrpcChannelFactory channels, JsonMapper json) {
        this.agents = AgentsGrpc.newBlockingStub(channels.createChannel("agent"));
        this.json = json;
    }

    /**
     * Checked before a request's body is read, so whoever may not edit the agent is refused without
     * anything being parsed or stored. The role gates are agent-service's, when the change is made.
     *
     * @throws io.parley.common.error.ApiException 404 for an agent the person may not view, unknown or of
     *     another tenant (a malformed id included, as agent-service's own routes answer); 403 LibreChat's
     *     {@code Insufficient permissions to access this agent} without EDIT; 503 when agent-service cannot say
     */
    public void requireEditable(String agentId) {
        Agent agent;
        try {
            agent = agents.getAgent(GetAgentRequest.newBuilder().setAgentId(agentId).build()).getAgent();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
                throw new ApiException.NotFound("Agent not found", "Agent not found");
            }
            throw GrpcErrors.toApiException(e);
        }
        if ((agent.getPermissionBits() & EDIT) == 0) {
            throw new ApiException.Forbidden("Forbidden", "Insufficient permissions to access this agent");
        }
    }

    /**
     * @return the agent after the change, as LibreChat's JSON
     * @throws io.parley.common.error.ApiException mapped from the call's status (no EDIT: 403, unknown: 404)
     */
    public String setAvatar(String agentId, String filepath, String source) {
        try {
            return agents.setAvatar(SetAgentAvatarRequest.newBuilder()
                    .setAgentId(agentId).setFilepath(filepath).setSource(source).build()).getAgentJson();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toApiException(e);
        }
    }

    /** @throws io.parley.common.error.ApiException mapped from the call's status (no EDIT: 403, unknown: 404) */
    public void addResourceFile(String agentId, String toolResource, String fileId) {
        try {
            agents.addResourceFile(AddResourceFileRequest.newBuilder()
                    .setAgentId(agentId).setToolResource(toolResource).setFileId(fileId).build());
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toApiException(e);
        }
    }

    /** Whether an agent the person may VIEW lists the file; false when agent-service cannot say. */
    public boolean canReadFile(String fileId) {
        try {
            return agents.canReadFile(CanReadFileRequest.newBuilder().setFileId(fileId).build()).getAllowed();
        } catch (StatusRuntimeException e) {
            // Access is refused rather than guessed.
            return false;
        }
    }

    /**
     * The file ids in the agent's tool resources, when the person may EDIT the agent; empty for an
     * unknown agent, one they may not edit, or when agent-service cannot say.
     */
    public List<String> editableAgentFiles(String agentId) {
        Agent agent;
        try {
            agent = agents.getAgent(GetAgentRequest.newBuilder().setAgentId(agentId).build()).getAgent();
        } catch (StatusRuntimeException e) {
            return List.of();
        }
        if ((agent.getPermissionBits() & EDIT) == 0 || agent.getToolResourcesJson().isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        json.readTree(agent.getToolResourcesJson()).forEach(resource -> resource.path("file_ids")
                .forEach(id -> ids.add(id.asString())));
        return ids;
    }
}
