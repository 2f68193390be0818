package io.parley.mcp.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.parley.common.test.GrpcCalls;
import io.parley.common.test.GrpcServerPort;
import io.parley.mcp.McpIntegrationTest;
import io.parley.proto.mcp.v1.CallToolRequest;
import io.parley.proto.mcp.v1.CallToolResponse;
import io.parley.proto.mcp.v1.ListToolsRequest;
import io.parley.proto.mcp.v1.ListToolsResponse;
import io.parley.proto.mcp.v1.Tool;
import io.parley.proto.mcp.v1.ToolsGrpc;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code parley.mcp.v1.Tools} as chat-service calls it: real gRPC, the end user's token relayed. */
class ToolsGrpcIntegrationTest extends McpIntegrationTest {

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
    void listsToolsWithPluginKeysAndSchemasWithinTenSecondsEvenWithASilentServer() {
        assumeEverything();
        long started = System.nanoTime();
        ListToolsResponse tools = as(user()).listTools(ListToolsRequest.getDefaultInstance());
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(11_000);

        Tool echo = tools.getToolsList().stream().filter(t -> t.getPluginKey().equals("echo_mcp_everything")).findFirst().orElseThrow();
        assertThat(echo.getServer()).isEqualTo("everything");
        assertThat(echo.getName()).isEqualTo("echo");
        assertThat(echo.getDescription()).isNotBlank();
        assertThat(echo.getInputSchemaJson()).contains("\"message\"");
        assertThat(tools.getToolsList()).extracting(Tool::getServer).contains("local", "everything-sse")
                .doesNotContain("down", "silent");
    }

    @Test
    void listsOnlyTheServersAsked() {
        assumeEverything();
        ListToolsResponse tools = as(user()).listTools(ListToolsRequest.newBuilder().addServers("everything").build());
        assertThat(tools.getToolsList()).isNotEmpty().extracting(Tool::getServer).containsOnly("everything");
    }

    @Test
    void callsAToolAndReportsItsContent() {
        assumeEverything();
        CallToolResponse echo = as(user()).callTool(CallToolRequest.newBuilder().setServer("everything").setTool("echo")
                .setArgumentsJson("{\"message\":\"from a run\"}").build());
        assertThat(echo.getIsError()).isFalse();
        assertThat(echo.getContent(0).getType()).isEqualTo("text");
        assertThat(echo.getContent(0).getText()).contains("from a run");

        CallToolResponse image = as(user()).callTool(CallToolRequest.newBuilder().setServer("everything")
                .setTool("get-tiny-image").setArgumentsJson("{}").build());
        assertThat(image.getContentList()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("image");
            assertThat(c.getMimeType()).isEqualTo("image/png");
        });
    }

    @Test
    void failuresMapToTheContractsCodes() {
        Person alice = user();
        assertThat(code(() -> as(alice).callTool(CallToolRequest.newBuilder().setServer("ghost").setTool("echo").build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(() -> as(alice).callTool(CallToolRequest.newBuilder().setServer("down").setTool("echo").build())))
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(code(() -> ToolsGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .listTools(ListToolsRequest.getDefaultInstance()))).isEqualTo(Status.Code.UNAUTHENTICATED);
        assumeEverything();
        assertThat(code(() -> as(alice).callTool(CallToolRequest.newBuilder().setServer("everything").setTool("nope").build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(() -> as(alice).callTool(CallToolRequest.newBuilder().setServer("everything").setTool("get-sum")
                .setArgumentsJson("{\"a\":1}").build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> as(alice).callTool(CallToolRequest.newBuilder().setServer("everything").setTool("echo")
                .setArgumentsJson("[1,2").build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> as(alice).callTool(CallToolRequest.newBuilder().setServer("everything")
                .setTool("trigger-long-running-operation").setArgumentsJson("{\"duration\":10,\"steps\":2}")
                .setTimeoutMs(300).build()))).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }

    private static Status.Code code(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
        throw new AssertionError("the call succeeded");
    }
}
