package io.parley.chat.agent;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.parley.common.error.ApiException;
import io.parley.common.grpc.GrpcErrors;
import io.parley.proto.agent.v1.Agent;
import io.parley.proto.agent.v1.AgentsGrpc;
import io.parley.proto.agent.v1.GetAgentRequest;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** agent-service's {@code Agents}: the agent of a run, as the person (whose token is relayed) may view it. */
@Component
class AgentsClient {

    /** agent-service answers within 3 s (it asks auth-service's Access first). */

    private final AgentsGrpc.AgentsBlockingStub agents;

    AgentsClient(GrpcChannelFactory channels) {
        this.agents = AgentsGrpc.newBlockingStub(channels.createChannel("agent"));
    }

    /**
     * @throws ApiException.NotFound  LibreChat's 404 for an agent that does not exist for the person (unknown,
     *                                another tenant's, or not shared with them: agent-service does not tell apart)
     * @throws ApiException.Forbidden LibreChat's 403 should agent-service ever say the agent exists but is not viewable
     */
    Agent get(String agentId) {
        try {
            return agents.getAgent(GetAgentRequest.newBuilder().setAgentId(agentId).build()).getAgent();
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.NOT_FOUND || code == Status.Code.INVALID_ARGUMENT) {
                throw new ApiException.NotFound("Not Found", "agent not found");
            }
            if (code == Status.Code.PERMISSION_DENIED) {
                throw new ApiException.Forbidden("Forbidden", "Insufficient permissions to access this agent");
            }
            throw GrpcErrors.toApiException(e);
        }
    }
}
