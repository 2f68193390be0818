package io.parley.agent.definition;

import static io.parley.common.test.GrpcCalls.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.parley.agent.AgentIntegrationTest;
import io.parley.common.test.GrpcCalls;
import io.parley.common.test.GrpcServerPort;
import io.parley.common.test.LibreChatImports;
import io.parley.proto.agent.v1.AgentsGrpc;
import io.parley.proto.agent.v1.GetAgentRequest;
import io.parley.proto.common.v1.ImportOutcome;
import io.parley.proto.common.v1.ImportedDocumentNote;
import java.util.List;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * agent-service's part of {@code ./parley migrate-librechat}: LibreChat's agents sent over real gRPC as an ADMIN,
 * then read over HTTP and gRPC with their ids, versions and ACL resource ids kept.
 */
class AgentImportIntegrationTest extends AgentIntegrationTest {

    private static final String AGENT_ID = "agent_V1StGXR8_Z5jdHi6B-myT";

    @Autowired
    GrpcServerPort grpc;
    @Autowired
    MongoTemplate mongo;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = GrpcCalls.loopback(grpc.port);
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    /** An agent as LibreChat 0.8 stores it: author an ObjectId, versions with their own times, fields Parley lacks. */
    private static String agent(ObjectId objectId, String id, String author, String extra) {
        return """
                {"_id":{"$oid":"%s"},"id":"%s","name":"Travel helper","description":"Plans trips","instructions":"Be brief",
                 "provider":"openAI","model":"gpt-4o","model_parameters":{"temperature":0.3},"tools":["web_search"],
                 "author":{"$oid":"%s"},"authorName":"ada","category":"general","conversation_starters":["Where to?"],
                 "tool_resources":{"file_search":{"file_ids":["f1"]}},"actions":["act_1"],"skills":["s"],"is_promoted":false,
                 "versions":[{"name":"Travel helper","instructions":"Be long","provider":"openAI","model":"gpt-4o",
                   "createdAt":{"$date":"2024-01-01T00:00:00Z"},"updatedAt":{"$date":"2024-01-01T00:00:00Z"},"updatedBy":{"$oid":"%s"}},
                  {"name":"Travel helper","instructions":"Be brief","provider":"openAI","model":"gpt-4o",
                   "createdAt":{"$date":"2024-02-01T00:00:00Z"},"updatedAt":{"$date":"2024-02-01T00:00:00Z"}}],
                 "createdAt":{"$date":"2024-01-01T00:00:00Z"},"updatedAt":{"$date":"2024-02-01T00:00:00Z"},"__v":0%s}"""
                .formatted(objectId.toHexString(), id, author, author, extra);
    }

    private ImportOutcome importAgents(Person admin, String... documents) {
        return LibreChatImports.send(channel, admin.token(), "agents", documents);
    }

    @Test
    void anAgentKeepsItsIdsVersionsAndDefinition() {
        Person admin = admin();
        Person ada = user();
        ObjectId objectId = new ObjectId();

        ImportOutcome outcome = importAgents(admin, agent(objectId, AGENT_ID, ada.id(), ""),
                agent(new ObjectId(), "not-an-agent-id", ada.id(), ""),
                agent(new ObjectId(), "agent_AAAAAAAAAAAAAAAAAAAAB", ada.id(), ",\"content\":{\"$bad\":1}"));

        assertThat(outcome.getWritten()).isEqualTo(1);
        assertThat(outcome.getSkippedList()).extracting(ImportedDocumentNote::getReason).containsExactlyInAnyOrder(
                "its id is not agent_ followed by 21 characters",
                "holds a key Parley does not store (one starting with $ or holding a dot)");
        assertThat(outcome.getWarningsList()).extracting(ImportedDocumentNote::getReason)
                .containsExactly("its actions (OpenAPI tools) are not served by Parley and were left out");
        JsonNode read = get(admin, "/api/agents/" + AGENT_ID + "/expanded").json();
        assertThat(read.get("_id").asString()).isEqualTo(objectId.toHexString());
        assertThat(read.get("instructions").asString()).isEqualTo("Be brief");
        assertThat(read.get("versions")).hasSize(2);
        assertThat(read.get("version").asInt()).isEqualTo(2);
        assertThat(read.has("actions")).isFalse();
        var viaGrpc = GrpcCalls.as(AgentsGrpc.newBlockingStub(channel), admin.token(), 5)
                .getAgent(GetAgentRequest.newBuilder().setAgentId(AGENT_ID).build()).getAgent();
        assertThat(viaGrpc.getObjectId()).isEqualTo(objectId.toHexString());
        assertThat(viaGrpc.getToolResourcesJson()).contains("f1");
        AUTH.grant(tenant, objectId.toHexString(), "user", ada.id(), "agent_owner");
        assertThat(get(ada, "/api/agents/" + AGENT_ID).json().get("author").asString()).isEqualTo(ada.id());
    }

    @Test
    void aSecondImportWritesNothingAndAnAgentWithoutVersionsGetsItsCurrentOne() {
        Person admin = admin();
        String noVersions = agent(new ObjectId(), AGENT_ID, new ObjectId().toHexString(), "")
                .replaceAll("(?s)\"versions\":\\[.*?}],", "");

        assertThat(importAgents(admin, noVersions).getWritten()).isEqualTo(1);
        ImportOutcome again = importAgents(admin, noVersions);

        assertThat(again.getWritten()).isZero();
        assertThat(again.getAlreadyPresent()).isEqualTo(1);
        assertThat(get(admin, "/api/agents/" + AGENT_ID + "/expanded").json().get("versions")).hasSize(1);
    }

    @Test
    void onlyAnAdminMayImportAndADryRunWritesNothing() {
        Person admin = admin();

        assertThat(codeOf(() -> importAgents(user(), agent(new ObjectId(), AGENT_ID, user().id(), ""))))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(LibreChatImports.send(channel, admin.token(), "agents", true,
                List.of(agent(new ObjectId(), AGENT_ID, user().id(), ""))).getWritten()).isEqualTo(1);
        assertThat(mongo.exists(Query.query(Criteria.where("tenantId").is(tenant)), "agents")).isFalse();
    }
}
