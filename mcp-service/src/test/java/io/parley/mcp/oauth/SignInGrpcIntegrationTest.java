package io.parley.mcp.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.parley.common.test.GrpcCalls;
import io.parley.common.test.GrpcServerPort;
import io.parley.proto.mcp.v1.CallToolRequest;
import io.parley.proto.mcp.v1.CallToolResponse;
import io.parley.proto.mcp.v1.ListToolsRequest;
import io.parley.proto.mcp.v1.ListToolsResponse;
import io.parley.proto.mcp.v1.Tool;
import io.parley.proto.mcp.v1.ToolsGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code parley.mcp.v1.Tools} for an agent run whose person has not signed in yet, and after they did. */
class SignInGrpcIntegrationTest extends OAuthIntegrationTest {

    @Autowired
    GrpcServerPort grpcPort;
    private ManagedChannel channel;

    @BeforeEach
    void channel() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort.port).usePlaintext().build();
    }

    @AfterEach
    void close() {
        channel.shutdownNow();
    }

    private ToolsGrpc.ToolsBlockingStub as(Person who) {
        return GrpcCalls.as(ToolsGrpc.newBlockingStub(channel), who.token(), 30);
    }

    @Test
    void aServerToSignInToIsNamedInTheListAndACallToItAnswersTheSignInLink() {
        Person alice = user();
        ListToolsResponse listed = as(alice).listTools(ListToolsRequest.newBuilder().addServers("secure").build());
        assertThat(listed.getToolsList()).isEmpty();
        assertThat(listed.getSignInServersList()).containsExactly("secure");

        CallToolResponse call = as(alice).callTool(CallToolRequest.newBuilder().setServer("secure").setTool("whoami")
                .setArgumentsJson("{}").build());
        assertThat(call.getIsError()).isTrue();
        assertThat(call.hasSignIn()).isTrue();
        assertThat(call.getSignIn().getAuthUrl()).startsWith(AUTHORIZATION.issuer("dcr") + "/authorize?");
        assertThat(call.getSignIn().getFlowId()).isEqualTo(alice.id() + ":secure");
        assertThat(call.getSignIn().getExpiresAtMs()).isGreaterThan(System.currentTimeMillis());
        assertThat(call.getContent(0).getText()).contains("Sign-in to MCP server 'secure' is required");

        // the person opens the link from the chat: LibreChat's client binds the browser first
        String cookie = post(alice, "/api/mcp/secure/oauth/bind", "").headers().allValues("Set-Cookie").getFirst();
        callback(authorize(call.getSignIn().getAuthUrl()), cookie.substring(0, cookie.indexOf(';')));

        ListToolsResponse after = as(alice).listTools(ListToolsRequest.newBuilder().addServers("secure").build());
        assertThat(after.getSignInServersList()).isEmpty();
        assertThat(after.getToolsList()).extracting(Tool::getPluginKey).containsExactly("whoami_mcp_secure");
        CallToolResponse called = as(alice).callTool(CallToolRequest.newBuilder().setServer("secure").setTool("whoami")
                .setArgumentsJson("{}").build());
        assertThat(called.getIsError()).isFalse();
        assertThat(called.hasSignIn()).isFalse();
        assertThat(called.getContent(0).getText()).startsWith("signed in as ");
    }
}
