package io.parley.agent.definition;

import io.grpc.stub.StreamObserver;
import io.parley.common.access.AccessClient;
import io.parley.common.error.ApiException;
import io.parley.common.grpc.GrpcCaller;
import io.parley.common.security.CurrentUser;
import io.parley.proto.agent.v1.AddResourceFileRequest;
import io.parley.proto.agent.v1.AddResourceFileResponse;
import io.parley.proto.agent.v1.Agent;
import io.parley.proto.agent.v1.AgentEdge;
import io.parley.proto.agent.v1.AgentsGrpc;
import io.parley.proto.agent.v1.CanReadFileRequest;
import io.parley.proto.agent.v1.CanReadFileResponse;
import io.parley.proto.agent.v1.GetAgentRequest;
import io.parley.proto.agent.v1.GetAgentResponse;
import io.parley.proto.agent.v1.SetAgentAvatarRequest;
import io.parley.proto.agent.v1.SetAgentAvatarResponse;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** {@code parley.agent.v1.Agents}: an agent for a run, for the end user whose token the caller relays. */
@Service
class AgentsGrpcService extends AgentsGrpc.AgentsImplBase {

    private final Agents agents;
    private final AgentAccess access;
    private final JsonMapper json;

    AgentsGrpcService(Agents agents, AgentAccess access, JsonMapper json) {
        this.agents = agents;
        this.access = access;
        this.json = json;
    }

    /** An agent the caller may not view is NOT_FOUND, as an unknown one: a run learns nothing about it. */
    @Override
    public void getAgent(GetAgentRequest request, StreamObserver<GetAgentResponse> response) {
        CurrentUser caller = GrpcCaller.require();
        if (!AgentIds.isWellFormed(request.getAgentId())) {
            throw ApiException.Invalid.field("agent_id", "is not an agent id (agent_ and 21 letters, digits, _ or -)");
        }
        Document agent = agents.find(caller, request.getAgentId());
        int bits = access.bits(agent);
        if ((bits & AccessClient.VIEW) == 0) {
            throw Agents.notFound();
        }
        response.onNext(GetAgentResponse.newBuilder().setAgent(toProto(agent, bits)).build());
        response.onCompleted();
    }

    @Override
    public void setAvatar(SetAgentAvatarRequest request, StreamObserver<SetAgentAvatarResponse> response) {
        Map<String, Object> avatar = Map.of("filepath", request.getFilepath(), "source", request.getSource());
        Map<String, Object> agent = agents.update(GrpcCaller.require(), request.getAgentId(), Map.of("avatar", avatar));
        response.onNext(SetAgentAvatarResponse.newBuilder().setAgentJson(json.writeValueAsString(agent)).build());
        response.onCompleted();
    }

    @Override
    public void addResourceFile(AddResourceFileRequest request, StreamObserver<AddResourceFileResponse> response) {
        agents.addResourceFile(GrpcCaller.require(), request.getAgentId(), request.getToolResource(), request.getFileId());
        response.onNext(AddResourceFileResponse.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void canReadFile(CanReadFileRequest request, StreamObserver<CanReadFileResponse> response) {
        boolean allowed = agents.listsReadableFile(GrpcCaller.require(), request.getFileId());
        response.onNext(CanReadFileResponse.newBuilder().setAllowed(allowed).build());
        response.onCompleted();
    }

    private Agent toProto(Document agent, int bits) {
        Agent.Builder out = Agent.newBuilder().setId(agent.getString("id"))
                .setObjectId(agent.getObjectId("_id").toHexString())
                .setName(text(agent.get("name"))).setDescription(text(agent.get("description")))
                .setInstructions(text(agent.get("instructions"))).setProvider(text(agent.get("provider")))
                .setModel(text(agent.get("model"))).setModelParametersJson(jsonOf(agent.get("model_parameters")))
                .addAllTools(texts(agent.get("tools"))).addAllMcpServerNames(texts(agent.get("mcpServerNames")))
                .addAllAgentIds(texts(agent.get("agent_ids")))
                .setToolResourcesJson(jsonOf(agent.get("tool_resources"))).setToolOptionsJson(jsonOf(agent.get("tool_options")))
                .addAllConversationStarters(texts(agent.get("conversation_starters")))
                .setEndAfterTools(Boolean.TRUE.equals(agent.get("end_after_tools")))
                .setHideSequentialOutputs(Boolean.TRUE.equals(agent.get("hide_sequential_outputs")))
                .setArtifacts(text(agent.get("artifacts"))).setCategory(text(agent.get("category")))
                .setVersion(AgentDocument.versionCount(agent)).setAuthor(text(agent.get("author")))
                .setPermissionBits(bits).setUpdatedAt(agent.getDate("updatedAt").toInstant().toString());
        if (agent.get("recursion_limit") instanceof Number limit) {
            out.setRecursionLimit(limit.intValue());
        }
        if (agent.get("edges") instanceof List<?> edges) {
            for (Object edge : edges) {
                if (edge instanceof Map<?, ?> e) {
                    out.addEdges(AgentEdge.newBuilder().addAllFrom(ends(e.get("from"))).addAllTo(ends(e.get("to")))
                            .setEdgeType(text(e.get("edgeType"))).setDescription(text(e.get("description")))
                            .setPrompt(text(e.get("prompt"))).setExcludeResults(Boolean.TRUE.equals(e.get("excludeResults")))
                            .setPromptKey(text(e.get("promptKey"))));
                }
            }
        }
        return out.build();
    }

    private String jsonOf(Object value) {
        return value == null ? "" : json.writeValueAsString(value);
    }

    private static List<String> ends(Object value) {
        return value instanceof String one ? List.of(one) : texts(value);
    }

    private static List<String> texts(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
