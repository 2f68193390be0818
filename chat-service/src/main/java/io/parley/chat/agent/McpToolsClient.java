package io.parley.chat.agent;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.parley.chat.provider.Cancellation;
import io.parley.chat.provider.ProviderException;
import io.parley.proto.mcp.v1.CallToolRequest;
import io.parley.proto.mcp.v1.CallToolResponse;
import io.parley.proto.mcp.v1.Content;
import io.parley.proto.mcp.v1.ListToolsRequest;
import io.parley.proto.mcp.v1.ListToolsResponse;
import io.parley.proto.mcp.v1.Tool;
import io.parley.proto.mcp.v1.ToolsGrpc;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/**
 * mcp-service's {@code Tools}: the MCP tools a person may use, and calling one for them. Both act for
 * the person whose authentication the calling thread carries (a request's, or a turn's job's), which
 * the common client interceptor relays.
 */
@Component
class McpToolsClient {

    private static final Logger log = LoggerFactory.getLogger(McpToolsClient.class);
    /** mcp-service answers a listing within 10 s, leaving out servers that are slower. */

    private final ToolsGrpc.ToolsBlockingStub tools;

    McpToolsClient(GrpcChannelFactory channels) {
        this.tools = ToolsGrpc.newBlockingStub(channels.createChannel("mcp"));
    }

    /** The tools of some servers, and those of them the person must sign in to before their tools can be listed. */
    record Listing(List<Tool> tools, List<String> signInServers) {
    }

    /**
     * The tools of {@code servers}, called while serving the person's request.
     * When mcp-service cannot answer the run goes on without them: the model is then simply not offered
     * those tools, which beats refusing the whole turn.
     */
    Listing list(List<String> servers) {
        try {
            ListToolsResponse listed = tools.listTools(ListToolsRequest.newBuilder().addAllServers(servers).build());
            return new Listing(listed.getToolsList(), listed.getSignInServersList());
        } catch (StatusRuntimeException e) {
            log.warn("Could not list the MCP tools of {}: {}", servers, e.getStatus().getCode());
            return new Listing(List.of(), List.of());
        }
    }

    /**
     * Calls one tool from a job's thread, which carries the authentication of the request that
     * accepted the turn. What comes back is the output the model is shown; a failure of the call is
     * such an output too (the model may try otherwise), only cancellation ends the run. A server the
     * person must sign in to first answers with the link, which goes with the output.
     *
     * @throws ProviderException.Cancelled when the turn was stopped while the tool ran
     */
    ToolOutput call(Tool tool, String argumentsJson, Duration timeout, Cancellation cancel) {
        CallToolRequest request = CallToolRequest.newBuilder().setServer(tool.getServer()).setTool(tool.getName())
                .setArgumentsJson(argumentsJson).setTimeoutMs(timeout.toMillis()).build();
        Context.CancellableContext context = Context.current().withCancellation();
        try (Cancellation.Registration stop = cancel.onCancel(() -> context.cancel(null))) {
            CallToolResponse response = context.call(() -> tools
                    // a little beyond the tool's own timeout, so mcp-service reports it first
                    .withDeadlineAfter(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS)
                    .callTool(request));
            String output = output(response.getContentList());
            if (response.hasSignIn()) {
                return new ToolOutput("Error: " + output, new ToolOutput.SignIn(response.getSignIn().getAuthUrl(),
                        response.getSignIn().getExpiresAtMs()));
            }
            return ToolOutput.of(response.getIsError() ? "Error: " + output : output);
        } catch (StatusRuntimeException e) {
            if (cancel.isCancelled()) {
                throw new ProviderException.Cancelled();
            }
            return ToolOutput.of(failure(tool, e.getStatus(), timeout));
        } catch (Exception e) {
            if (cancel.isCancelled()) {
                throw new ProviderException.Cancelled();
            }
            log.warn("Calling MCP tool {} of {} failed", tool.getName(), tool.getServer(), e);
            return ToolOutput.of("Error: the tool could not be called");
        } finally {
            context.close();
        }
    }

    /** MCP content as the text a model reads; what is not text is named, not inlined. */
    private static String output(List<Content> content) {
        StringBuilder out = new StringBuilder();
        for (Content item : content) {
            if (!out.isEmpty()) {
                out.append("\n\n");
            }
            switch (item.getType()) {
                case "text" -> out.append(item.getText());
                case "resource" -> out.append(item.getText().isEmpty() ? "[resource " + item.getUri() + "]" : item.getText());
                case "resource_link" -> out.append("[resource ").append(item.getName()).append(' ')
                        .append(item.getUri()).append(']');
                default -> out.append('[').append(item.getType()).append(' ').append(item.getMimeType()).append(']');
            }
        }
        return out.toString();
    }

    private static String failure(Tool tool, Status status, Duration timeout) {
        String reason = switch (status.getCode()) {
            case NOT_FOUND -> "the tool " + tool.getName() + " of " + tool.getServer() + " is not available";
            case INVALID_ARGUMENT -> "the arguments do not fit the tool's input schema"
                    + (status.getDescription() == null ? "" : ": " + status.getDescription());
            case DEADLINE_EXCEEDED -> "the tool did not answer within " + timeout.toSeconds() + " s";
            case UNAVAILABLE -> "the server " + tool.getServer() + " cannot be reached";
            default -> "the tool call failed (" + status.getCode() + ")";
        };
        return "Error: " + reason;
    }
}
