package io.parley.agent.definition;

import io.grpc.stub.StreamObserver;
import io.parley.common.access.AccessClient;
import io.parley.common.error.ApiException;
import io.parley.common.grpc.GrpcCaller;
import io.parley.common.security.CurrentUser;
import io.parley.proto.agent.v1.AddResourceFileRequest;
import io.parley.proto.agent.v1.AddResourceFileResponse;
import io.parley.proto.agent.v1.AgentsGrpc;
import io.parley.proto.agent.v1.CanReadFileRequest;
import io.parley.proto.agent.v1.CanReadFileResponse;
import io.parley.proto.agent.v1.GetAgentRequest;
import io.parley.proto.agent.v1.GetAgentResponse;
import io.parley.proto.agent.v1.SetAgentAvatarRequest;
import io.parley.proto.agent.v1.SetAgentAvatarResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** {@code parley.agent.v1.Agents}: an agent for a run, for the end user whose token the caller relays. */
@Service
class AgentsGrpcService extends AgentsGrpc.AgentsImplBase {

    private final Agents agents;
    private final AgentEditing editing;
    private final AgentAccess access;
    private final JsonMapper json;

    AgentsGrpcService(Agents agents, AgentEditing editing, AgentAccess access, JsonMapper json) {
        this.agents = agents;
        this.editing = editing;
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
        Agent agent = agents.find(caller, request.getAgentId());
        int bits = access.bits(agent);
        if ((bits & AccessClient.VIEW) == 0) {
            throw Agents.notFound();
        }
        response.onNext(GetAgentResponse.newBuilder().setAgent(toProto(agent, bits)).build());
        response.onCompleted();
    }

    @Override
    public void setAvatar(SetAgentAvatarRequest request, StreamObserver<SetAgentAvatarResponse> response) {
        AgentView agent = editing.setAvatar(GrpcCaller.require(), request.getAgentId(),
                new Avatar(request.getFilepath(), request.getSource()));
        response.onNext(SetAgentAvatarResponse.newBuilder().setAgentJson(json.writeValueAsString(agent)).build());
        response.onCompleted();
    }

    @Override
    public void addResourceFile(AddResourceFileRequest request, StreamObserver<AddResourceFileResponse> response) {
        editing.addResourceFile(GrpcCaller.require(), request.getAgentId(), request.getToolResource(), request.getFileId());
        response.onNext(AddResourceFileResponse.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void canReadFile(CanReadFileRequest request, StreamObserver<CanReadFileResponse> response) {
        boolean allowed = agents.listsReadableFile(GrpcCaller.require(), request.getFileId());
        response.onNext(CanReadFileResponse.newBuilder().setAllowed(allowed).build());
        response.onCompleted();
    }

    private io.parley.proto.agent.v1.Agent toProto(Agent agent, int bits) {
        AgentDefinition definition = agent.definition();
        io.parley.proto.agent.v1.Agent.Builder out = io.parley.proto.agent.v1.Agent.newBuilder().setId(agent.id())
                .setObjectId(agent.resourceId())
                .setName(text(definition.name())).setDescription(text(definition.description()))
                .setInstructions(text(definition.instructions())).setProvider(definition.provider())
                .setModel(definition.model()).setModelParametersJson(jsonOf(definition.model_parameters()))
                .addAllTools(definition.tools()).addAllMcpServerNames(definition.mcpServerNames())
                .addAllAgentIds(listOf(definition.agent_ids()))
                .setToolResourcesJson(jsonOf(definition.tool_resources())).setToolOptionsJson(jsonOf(definition.tool_options()))
                .addAllConversationStarters(definition.conversation_starters())
                .setEndAfterTools(Boolean.TRUE.equals(definition.end_after_tools()))
                .setHideSequentialOutputs(Boolean.TRUE.equals(definition.hide_sequential_outputs()))
                .setArtifacts(text(definition.artifacts())).setCategory(definition.category())
                .setVersion(agent.version()).setAuthor(agent.author())
                .setPermissionBits(bits).setUpdatedAt(agent.updatedAt().toString());
        if (definition.recursion_limit() != null) {
            out.setRecursionLimit(definition.recursion_limit());
        }
        for (AgentEdge edge : listOf(definition.edges())) {
            out.addEdges(io.parley.proto.agent.v1.AgentEdge.newBuilder().addAllFrom(edge.from().ids())
                    .addAllTo(edge.to().ids()).setEdgeType(text(edge.edgeType())).setDescription(text(edge.description()))
                    .setPrompt(text(edge.prompt())).setExcludeResults(Boolean.TRUE.equals(edge.excludeResults()))
                    .setPromptKey(text(edge.promptKey())));
        }
        return out.build();
    }

    /** Free-form objects travel as JSON text, "" when there is none. */
    private String jsonOf(@Nullable Object value) {
        return value == null ? "" : json.writeValueAsString(value);
    }

    private static <T> List<T> listOf(@Nullable List<T> values) {
        return values == null ? List.of() : values;
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
