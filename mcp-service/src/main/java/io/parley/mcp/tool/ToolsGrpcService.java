package io.parley.mcp.tool;

import io.grpc.stub.StreamObserver;
import io.parley.common.error.ApiException;
import io.parley.common.grpc.GrpcCaller;
import io.parley.common.security.CurrentUser;
import io.parley.proto.mcp.v1.CallToolRequest;
import io.parley.proto.mcp.v1.CallToolResponse;
import io.parley.proto.mcp.v1.Content;
import io.parley.proto.mcp.v1.ListToolsRequest;
import io.parley.proto.mcp.v1.ListToolsResponse;
import io.parley.proto.mcp.v1.SignIn;
import io.parley.proto.mcp.v1.Tool;
import io.parley.proto.mcp.v1.ToolsGrpc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code parley.mcp.v1.Tools}, for agent runs; the relayed token says whose servers and connections. */
@Service
class ToolsGrpcService extends ToolsGrpc.ToolsImplBase {

    static final Duration LIST_WAIT = Duration.ofSeconds(10);

    private final ToolCatalog catalog;
    private final ToolCalls calls;
    private final JsonMapper json;

    ToolsGrpcService(ToolCatalog catalog, ToolCalls calls, JsonMapper json) {
        this.catalog = catalog;
        this.calls = calls;
        this.json = json;
    }

    @Override
    public void listTools(ListToolsRequest request, StreamObserver<ListToolsResponse> response) {
        CurrentUser caller = GrpcCaller.require();
        ListToolsResponse.Builder out = ListToolsResponse.newBuilder();
        ToolCatalog.Listing listing = catalog.list(caller, request.getServersList(), LIST_WAIT);
        listing.tools().values().forEach(tools -> tools.forEach(tool ->
                out.addTools(Tool.newBuilder().setPluginKey(tool.pluginKey()).setServer(tool.server()).setName(tool.name())
                        .setDescription(tool.description()).setInputSchemaJson(json.writeValueAsString(tool.inputSchema())))));
        out.addAllSignInServers(listing.signInRequired());
        response.onNext(out.build());
        response.onCompleted();
    }

    @Override
    public void callTool(CallToolRequest request, StreamObserver<CallToolResponse> response) {
        CurrentUser caller = GrpcCaller.require();
        ToolResult result = calls.call(caller, request.getServer(), request.getTool(), arguments(request.getArgumentsJson()),
                request.getTimeoutMs());
        CallToolResponse.Builder out = CallToolResponse.newBuilder().setIsError(result.isError());
        if (result.signIn() != null) {
            out.setSignIn(SignIn.newBuilder().setAuthUrl(result.signIn().authUrl()).setExpiresAtMs(result.signIn().expiresAt())
                    .setFlowId(result.signIn().flowId()));
        }
        for (ToolResult.Content c : result.content()) {
            out.addContent(Content.newBuilder().setType(c.type()).setText(nz(c.text())).setData(nz(c.data()))
                    .setMimeType(nz(c.mimeType())).setUri(nz(c.uri())).setName(nz(c.name())));
        }
        response.onNext(out.build());
        response.onCompleted();
    }

    private Map<String, Object> arguments(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> parsed = json.readValue(text, new TypeReference<Map<String, Object>>() { });
            return parsed == null ? Map.of() : parsed;
        } catch (JacksonException e) {
            throw new ApiException.Invalid("invalid_arguments", "arguments_json is not a JSON object",
                    List.of(new ApiException.FieldProblem("arguments_json", "not a JSON object")));
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
