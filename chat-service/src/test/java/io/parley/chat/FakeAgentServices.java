package io.parley.chat;

import io.grpc.Context;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.parley.common.test.RelayedCaller;
import io.parley.proto.agent.v1.Agent;
import io.parley.proto.agent.v1.AgentsGrpc;
import io.parley.proto.agent.v1.GetAgentRequest;
import io.parley.proto.agent.v1.GetAgentResponse;
import io.parley.proto.mcp.v1.CallToolRequest;
import io.parley.proto.mcp.v1.CallToolResponse;
import io.parley.proto.mcp.v1.Content;
import io.parley.proto.mcp.v1.ListToolsRequest;
import io.parley.proto.mcp.v1.ListToolsResponse;
import io.parley.proto.mcp.v1.SignIn;
import io.parley.proto.mcp.v1.Tool;
import io.parley.proto.mcp.v1.ToolsGrpc;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * agent-service's {@code Agents} and mcp-service's {@code Tools} as chat-service's agent runs use them,
 * over real gRPC on loopback. Like the real ones they act for the person whose token is relayed:
 * an agent that person may not view is NOT_FOUND, a malformed id INVALID_ARGUMENT, a tool call without
 * a token UNAUTHENTICATED. Tools answer by a function of their arguments; one can be made to hang
 * until the call is cancelled.
 */
public final class FakeAgentServices {

    /** An agent and the people who may view it. */
    private record Stored(Agent agent, Set<String> viewers) {
    }

    /** A CallTool as it arrived, with the person it was made for. */
    public record ToolCallSeen(String caller, String server, String tool, String argumentsJson) {
    }

    private final Map<String, Stored> agents = new ConcurrentHashMap<>();
    private final Map<String, Tool> tools = new ConcurrentHashMap<>();
    private final Map<String, Function<String, CallToolResponse>> behaviour = new ConcurrentHashMap<>();
    public final List<ToolCallSeen> calls = new CopyOnWriteArrayList<>();
    public final List<ListToolsRequest> listings = new CopyOnWriteArrayList<>();
    /** Counted down when a call of a hanging tool arrives. */
    public volatile CountDownLatch hanging = new CountDownLatch(1);
    /** Counted down when that call is cancelled by its caller. */
    public volatile CountDownLatch cancelled = new CountDownLatch(1);
    private final Set<String> hangingTools = ConcurrentHashMap.newKeySet();
    /** Servers the caller has not signed in to: server → the sign-in page. */
    private final Map<String, String> signIns = new ConcurrentHashMap<>();
    private final Server server;

    public FakeAgentServices() {
        server = RelayedCaller.serve(new FakeAgents(), new FakeTools());
    }

    public int port() {
        return server.getPort();
    }

    /** Stores an agent that {@code viewers} (user ids) may view. */
    public void agent(Agent agent, String... viewers) {
        agents.put(agent.getId(), new Stored(agent, Set.of(viewers)));
    }

    /** An MCP tool of {@code server}, answering by {@code answer} applied to its arguments. */
    public void tool(String server, String name, String description, String schemaJson,
                     Function<String, CallToolResponse> answer) {
        String key = name + "_mcp_" + server;
        tools.put(key, Tool.newBuilder().setPluginKey(key).setServer(server).setName(name).setDescription(description)
                .setInputSchemaJson(schemaJson).build());
        behaviour.put(key, answer);
    }

    /** Calls of this tool wait until the caller cancels them. */
    public void hangs(String server, String name) {
        hangingTools.add(name + "_mcp_" + server);
    }

    /** Nobody has signed in to {@code server} yet: its tools are not listed and every call answers this sign-in page. */
    public void signInRequired(String server, String authUrl) {
        signIns.put(server, authUrl);
    }

    public static CallToolResponse text(String text) {
        return CallToolResponse.newBuilder().addContent(Content.newBuilder().setType("text").setText(text)).build();
    }

    public void reset() {
        agents.clear();
        tools.clear();
        behaviour.clear();
        hangingTools.clear();
        signIns.clear();
        calls.clear();
        listings.clear();
        hanging = new CountDownLatch(1);
        cancelled = new CountDownLatch(1);
    }

    private final class FakeAgents extends AgentsGrpc.AgentsImplBase {
        @Override
        public void getAgent(GetAgentRequest request, StreamObserver<GetAgentResponse> answer) {
            if (!request.getAgentId().matches("agent_[A-Za-z0-9_-]{21}")) {
                answer.onError(Status.INVALID_ARGUMENT.withDescription("Invalid agent id").asRuntimeException());
                return;
            }
            Stored stored = agents.get(request.getAgentId());
            if (stored == null || !stored.viewers().contains(RelayedCaller.current().id())) {
                answer.onError(Status.NOT_FOUND.withDescription("Agent not found").asRuntimeException());
                return;
            }
            answer.onNext(GetAgentResponse.newBuilder().setAgent(stored.agent().toBuilder().setPermissionBits(1)).build());
            answer.onCompleted();
        }
    }

    private final class FakeTools extends ToolsGrpc.ToolsImplBase {
        @Override
        public void listTools(ListToolsRequest request, StreamObserver<ListToolsResponse> answer) {
            listings.add(request);
            answer.onNext(ListToolsResponse.newBuilder().addAllTools(tools.values().stream()
                    .filter(t -> request.getServersList().isEmpty() || request.getServersList().contains(t.getServer()))
                    .filter(t -> !signIns.containsKey(t.getServer())).toList())
                    .addAllSignInServers(signIns.keySet().stream()
                            .filter(s -> request.getServersList().isEmpty() || request.getServersList().contains(s)).toList())
                    .build());
            answer.onCompleted();
        }

        @Override
        public void callTool(CallToolRequest request, StreamObserver<CallToolResponse> answer) {
            String key = request.getTool() + "_mcp_" + request.getServer();
            calls.add(new ToolCallSeen(RelayedCaller.current().id(), request.getServer(), request.getTool(),
                    request.getArgumentsJson()));
            String signIn = signIns.get(request.getServer());
            if (signIn != null) {
                answer.onNext(CallToolResponse.newBuilder().setIsError(true)
                        .addContent(Content.newBuilder().setType("text").setText("Sign-in to MCP server '" + request.getServer()
                                + "' is required."))
                        .setSignIn(SignIn.newBuilder().setAuthUrl(signIn).setExpiresAtMs(System.currentTimeMillis() + 180_000)
                                .setFlowId(RelayedCaller.current().id() + ":" + request.getServer()))
                        .build());
                answer.onCompleted();
                return;
            }
            Function<String, CallToolResponse> tool = behaviour.get(key);
            if (tool == null) {
                answer.onError(Status.NOT_FOUND.withDescription("Tool not found").asRuntimeException());
                return;
            }
            if (hangingTools.contains(key)) {
                // the call stays open until chat-service cancels it
                Context.current().addListener(context -> cancelled.countDown(), Runnable::run);
                hanging.countDown();
                return;
            }
            try {
                answer.onNext(tool.apply(request.getArgumentsJson()));
                answer.onCompleted();
            } catch (io.grpc.StatusRuntimeException e) {
                answer.onError(e);
            }
        }
    }
}
