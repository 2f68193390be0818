package io.parley.file.files;

import io.grpc.StatusRuntimeException;
import io.parley.common.grpc.GrpcErrors;
import io.parley.proto.agent.v1.AgentsGrpc;
import io.parley.proto.agent.v1.SetAgentAvatarRequest;
import java.util.concurrent.TimeUnit;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** agent-service's {@code Agents.SetAvatar}, which checks the caller's EDIT bit on the agent. */
@Component
class AgentAvatars {

    private static final long DEADLINE_SECONDS = 2;

    private final AgentsGrpc.AgentsBlockingStub agents;

    AgentAvatars(GrpcChannelFactory channels) {
        this.agents = AgentsGrpc.newBlockingStub(channels.createChannel("agent"));
    }

    /**
     * @return the agent after the change, as LibreChat's JSON
     * @throws io.parley.common.error.ApiException mapped from the call's status (no EDIT: 403, unknown: 404)
     */
    String set(String agentId, String filepath, String source) {
        try {
            return agents.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).setAvatar(SetAgentAvatarRequest.newBuilder()
                    .setAgentId(agentId).setFilepath(filepath).setSource(source).build()).getAgentJson();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toApiException(e);
        }
    }
}
