package io.parley.file.files;

import io.grpc.StatusRuntimeException;
import io.parley.common.grpc.GrpcErrors;
import io.parley.proto.agent.v1.AddResourceFileRequest;
import io.parley.proto.agent.v1.AgentsGrpc;
import io.parley.proto.agent.v1.CanReadFileRequest;
import io.parley.proto.agent.v1.SetAgentAvatarRequest;
import java.util.concurrent.TimeUnit;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/**
 * agent-service's {@code Agents} as file-service uses it, for the person whose token the request
 * carries: an agent's avatar and tool-resource files (agent-service checks EDIT), and reading a file
 * through an agent the person may VIEW.
 */
@Component
class AgentsClient {

    private static final long DEADLINE_SECONDS = 2;

    private final AgentsGrpc.AgentsBlockingStub agents;

    AgentsClient(GrpcChannelFactory channels) {
        this.agents = AgentsGrpc.newBlockingStub(channels.createChannel("agent"));
    }

    /**
     * @return the agent after the change, as LibreChat's JSON
     * @throws io.parley.common.error.ApiException mapped from the call's status (no EDIT: 403, unknown: 404)
     */
    String setAvatar(String agentId, String filepath, String source) {
        try {
            return agents.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).setAvatar(SetAgentAvatarRequest.newBuilder()
                    .setAgentId(agentId).setFilepath(filepath).setSource(source).build()).getAgentJson();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toApiException(e);
        }
    }

    /** @throws io.parley.common.error.ApiException mapped from the call's status (no EDIT: 403, unknown: 404) */
    void addResourceFile(String agentId, String toolResource, String fileId) {
        try {
            agents.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).addResourceFile(AddResourceFileRequest.newBuilder()
                    .setAgentId(agentId).setToolResource(toolResource).setFileId(fileId).build());
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toApiException(e);
        }
    }

    /** Whether an agent the person may VIEW lists the file; false when agent-service cannot say. */
    boolean canReadFile(String fileId) {
        try {
            return agents.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .canReadFile(CanReadFileRequest.newBuilder().setFileId(fileId).build()).getAllowed();
        } catch (StatusRuntimeException e) {
            // Access is refused rather than guessed.
            return false;
        }
    }
}
