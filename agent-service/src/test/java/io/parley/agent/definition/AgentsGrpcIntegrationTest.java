package io.parley.agent.definition;

import static io.parley.common.test.GrpcCalls.codeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import io.parley.common.test.GrpcCalls;
import io.parley.agent.AgentIntegrationTest;
import io.parley.common.test.GrpcServerPort;
import io.parley.common.test.Http;
import io.parley.proto.agent.v1.Agent;
import io.parley.proto.agent.v1.AgentsGrpc;
import io.parley.proto.agent.v1.GetAgentRequest;
import io.parley.proto.agent.v1.SetAgentAvatarRequest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code parley.agent.v1.Agents} over a real loopback gRPC connection, as chat-service calls it for a run. */
class AgentsGrpcIntegrationTest extends AgentIntegrationTest {

    @Autowired
    GrpcServerPort grpc;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpc.port).usePlaintext().build();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    private AgentsGrpc.AgentsBlockingStub as(Person who) {
        return GrpcCalls.as(AgentsGrpc.newBlockingStub(channel), who.token(), 3);
    }

    private static GetAgentRequest request(String agentId) {
        return GetAgentRequest.newBuilder().setAgentId(agentId).build();
    }

    @Test
    void answersTheWholeAgentARunNeedsToTheOwnerAndToWhomItIsShared() {
        Person ada = user();
        Person bob = user();
        JsonNode created = createAgent(ada, """
                {"name":"Runner","instructions":"Answer briefly","provider":"anthropic","model":"claude-sonnet",
                 "model_parameters":{"temperature":0.5,"maxContextTokens":8000},"tools":["fetch_mcp_web","calc"],
                 "recursion_limit":25,"conversation_starters":["Hi"],
                 "edges":[{"from":"%s","to":["agent_BBBBBBBBBBBBBBBBBBBBB"],"edgeType":"handoff","description":"to B"}],
                 "tool_resources":{"file_search":{"file_ids":["f1"]}},"end_after_tools":true}"""
                .formatted("agent_AAAAAAAAAAAAAAAAAAAAA"));
        String id = created.get("id").asString();
        send(ada, "PATCH", "/api/agents/" + id, "{\"description\":\"v2\"}");
        share(created, "user", bob.id(), "agent_viewer");

        Agent agent = as(bob).getAgent(request(id)).getAgent();

        assertThat(agent.getId()).isEqualTo(id);
        assertThat(agent.getObjectId()).isEqualTo(created.get("_id").asString());
        assertThat(agent.getInstructions()).isEqualTo("Answer briefly");
        assertThat(agent.getProvider()).isEqualTo("anthropic");
        assertThat(agent.getModel()).isEqualTo("claude-sonnet");
        assertThat(agent.getModelParametersJson()).contains("\"temperature\":0.5", "\"maxContextTokens\":8000");
        assertThat(agent.getToolsList()).containsExactly("fetch_mcp_web", "calc");
        assertThat(agent.getMcpServerNamesList()).containsExactly("web");
        assertThat(agent.hasRecursionLimit()).isTrue();
        assertThat(agent.getRecursionLimit()).isEqualTo(25);
        assertThat(agent.getEdges(0).getFromList()).containsExactly("agent_AAAAAAAAAAAAAAAAAAAAA");
        assertThat(agent.getEdges(0).getToList()).containsExactly("agent_BBBBBBBBBBBBBBBBBBBBB");
        assertThat(agent.getEdges(0).getEdgeType()).isEqualTo("handoff");
        assertThat(agent.getToolResourcesJson()).contains("f1");
        assertThat(agent.getConversationStartersList()).containsExactly("Hi");
        assertThat(agent.getEndAfterTools()).isTrue();
        assertThat(agent.getVersion()).isEqualTo(2);
        assertThat(agent.getDescription()).isEqualTo("v2");
        assertThat(agent.getPermissionBits()).isEqualTo(1);
        assertThat(as(ada).getAgent(request(id)).getAgent().getPermissionBits()).isEqualTo(15);
    }

    @Test
    void anAgentTheCallerMayNotViewIsNotFoundLikeAnUnknownOne() {
        Person ada = user();
        String id = createAgent(ada).get("id").asString();

        assertThat(codeOf(() -> as(user()).getAgent(request(id)))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(codeOf(() -> as(ada).getAgent(request("agent_AAAAAAAAAAAAAAAAAAAAA")))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(codeOf(() -> as(ada.in("elsewhere-" + tenant)).getAgent(request(id)))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(codeOf(() -> as(ada).getAgent(request("not an id")))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(codeOf(() -> as(admin()).getAgent(request(id)))).isEqualTo(Status.Code.OK);
    }

    @Test
    void aCallWithoutTheEndUsersTokenIsUnauthenticated() {
        assertThatThrownBy(() -> AgentsGrpc.newBlockingStub(channel).withDeadlineAfter(3, TimeUnit.SECONDS)
                .getAgent(request("agent_AAAAAAAAAAAAAAAAAAAAA")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void setAvatarNeedsTheEditBitAndChangesOnlyTheAvatar() {
        Person ada = user();
        Person bob = user();
        JsonNode created = createAgent(ada, "{\"name\":\"Painter\",\"provider\":\"openAI\",\"model\":\"gpt-4o\"}");
        String id = created.get("id").asString();
        share(created, "user", bob.id(), "agent_viewer");
        SetAgentAvatarRequest avatar = SetAgentAvatarRequest.newBuilder().setAgentId(id)
                .setFilepath("/images/" + ada.id() + "/f.png").setSource("local").build();

        assertThat(codeOf(() -> as(bob).setAvatar(avatar))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(codeOf(() -> as(ada).setAvatar(avatar.toBuilder().setAgentId("agent_CCCCCCCCCCCCCCCCCCCCC").build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        String answered = as(ada).setAvatar(avatar).getAgentJson();

        assertThat(Http.parse(answered).at("/avatar/filepath").asString()).isEqualTo("/images/" + ada.id() + "/f.png");
        JsonNode stored = get(ada, "/api/agents/" + id).json();
        assertThat(stored.at("/avatar/source").asString()).isEqualTo("local");
        assertThat(stored.get("name").asString()).isEqualTo("Painter");
    }
}
