package io.parley.file;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.parley.common.test.RelayedCaller;
import io.parley.proto.agent.v1.AddResourceFileRequest;
import io.parley.proto.agent.v1.AddResourceFileResponse;
import io.parley.proto.agent.v1.Agent;
import io.parley.proto.agent.v1.AgentsGrpc;
import io.parley.proto.agent.v1.CanReadFileRequest;
import io.parley.proto.agent.v1.CanReadFileResponse;
import io.parley.proto.agent.v1.GetAgentRequest;
import io.parley.proto.agent.v1.GetAgentResponse;
import io.parley.proto.agent.v1.SetAgentAvatarRequest;
import io.parley.proto.agent.v1.SetAgentAvatarResponse;
import io.parley.proto.auth.v1.SetAvatarRequest;
import io.parley.proto.auth.v1.SetAvatarResponse;
import io.parley.proto.auth.v1.User;
import io.parley.proto.auth.v1.UserDirectoryGrpc;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peers file-service calls, over real gRPC on loopback: auth-service's {@code UserDirectory.SetAvatar}
 * (records the avatar per tenant and user of the relayed token, can be told to refuse) and
 * agent-service's {@code Agents} as far as files go (an agent's tool-resource files; who may read a
 * file through an agent). The services' own tests cover the real things.
 */
public final class FakePeers {

    /** An agent nobody may edit here: adding a file to it is PERMISSION_DENIED. */
    public static final String LOCKED_AGENT = "agent_LLLLLLLLLLLLLLLLLLLLL";

    private final Map<String, String> avatars = new ConcurrentHashMap<>();
    /** agent id → tool resource → file ids added. */
    private final Map<String, Set<String>> agentFiles = new ConcurrentHashMap<>();
    /** "tenant/agentId" → owner: only the owner sees such an agent; every other agent anyone may edit. */
    private final Map<String, String> ownedAgents = new ConcurrentHashMap<>();
    /** "tenant/agentId" → avatar filepath set through {@code SetAvatar}. */
    private final Map<String, String> agentAvatars = new ConcurrentHashMap<>();
    /** "tenant/user/fileId" readable through an agent. */
    private final Set<String> readableThroughAgents = ConcurrentHashMap.newKeySet();
    private volatile boolean refusing;
    private final Server server;

    FakePeers() {
        UserDirectoryGrpc.UserDirectoryImplBase directory = new UserDirectoryGrpc.UserDirectoryImplBase() {
            @Override
            public void setAvatar(SetAvatarRequest request, StreamObserver<SetAvatarResponse> response) {
                RelayedCaller.Caller caller = RelayedCaller.current();
                if (refusing) {
                    response.onError(Status.UNAVAILABLE.withDescription("auth-service is down").asRuntimeException());
                    return;
                }
                avatars.put(caller.tenant() + "/" + caller.id(), request.getUrl());
                response.onNext(SetAvatarResponse.newBuilder()
                        .setUser(User.newBuilder().setId(caller.id()).setAvatar(request.getUrl())).build());
                response.onCompleted();
            }
        };
        AgentsGrpc.AgentsImplBase agents = new AgentsGrpc.AgentsImplBase() {
            @Override
            public void addResourceFile(AddResourceFileRequest request, StreamObserver<AddResourceFileResponse> response) {
                if (LOCKED_AGENT.equals(request.getAgentId())) {
                    response.onError(Status.PERMISSION_DENIED.withDescription("Insufficient permissions to access this agent")
                            .asRuntimeException());
                    return;
                }
                agentFiles.computeIfAbsent(request.getAgentId() + "/" + request.getToolResource(),
                        k -> ConcurrentHashMap.newKeySet()).add(request.getFileId());
                response.onNext(AddResourceFileResponse.getDefaultInstance());
                response.onCompleted();
            }

            @Override
            public void getAgent(GetAgentRequest request, StreamObserver<GetAgentResponse> response) {
                RelayedCaller.Caller caller = RelayedCaller.current();
                String owner = ownedAgents.get(caller.tenant() + "/" + request.getAgentId());
                if (owner != null && !owner.equals(caller.id())) {
                    response.onError(Status.NOT_FOUND.withDescription("Agent not found").asRuntimeException());
                    return;
                }
                int bits = LOCKED_AGENT.equals(request.getAgentId()) ? 1 : 15;
                response.onNext(GetAgentResponse.newBuilder().setAgent(Agent.newBuilder().setId(request.getAgentId())
                        .setPermissionBits(bits)).build());
                response.onCompleted();
            }

            @Override
            public void setAvatar(SetAgentAvatarRequest request, StreamObserver<SetAgentAvatarResponse> response) {
                RelayedCaller.Caller caller = RelayedCaller.current();
                String owner = ownedAgents.get(caller.tenant() + "/" + request.getAgentId());
                if (LOCKED_AGENT.equals(request.getAgentId()) || owner != null && !owner.equals(caller.id())) {
                    response.onError(Status.PERMISSION_DENIED.withDescription("Insufficient permissions to access this agent")
                            .asRuntimeException());
                    return;
                }
                agentAvatars.put(caller.tenant() + "/" + request.getAgentId(), request.getFilepath());
                response.onNext(SetAgentAvatarResponse.newBuilder().setAgentJson("{\"id\":\"" + request.getAgentId()
                        + "\",\"avatar\":{\"filepath\":\"" + request.getFilepath() + "\"}}").build());
                response.onCompleted();
            }

            @Override
            public void canReadFile(CanReadFileRequest request, StreamObserver<CanReadFileResponse> response) {
                RelayedCaller.Caller caller = RelayedCaller.current();
                boolean allowed = readableThroughAgents.contains(caller.tenant() + "/" + caller.id() + "/" + request.getFileId());
                response.onNext(CanReadFileResponse.newBuilder().setAllowed(allowed).build());
                response.onCompleted();
            }
        };
        server = RelayedCaller.serve(directory, agents);
    }

    public int port() {
        return server.getPort();
    }

    /** The avatar URL set for the person, or null. */
    public String avatarOf(String tenant, String user) {
        return avatars.get(tenant + "/" + user);
    }

    public void refuse(boolean refuse) {
        this.refusing = refuse;
    }

    /** The files added to an agent's tool resource. */
    public Set<String> filesOf(String agentId, String toolResource) {
        return agentFiles.getOrDefault(agentId + "/" + toolResource, Set.of());
    }

    /** An agent only {@code owner} may see (and edit) in the tenant. */
    public void ownAgent(String tenant, String owner, String agentId) {
        ownedAgents.put(tenant + "/" + agentId, owner);
    }

    /** The avatar set on the agent, or null. */
    public String avatarOfAgent(String tenant, String agentId) {
        return agentAvatars.get(tenant + "/" + agentId);
    }

    /** As if an agent the person may view listed the file. */
    public void readableThroughAnAgent(String tenant, String user, String fileId) {
        readableThroughAgents.add(tenant + "/" + user + "/" + fileId);
    }
}
