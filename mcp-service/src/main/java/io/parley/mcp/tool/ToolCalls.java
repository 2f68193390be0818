package io.parley.mcp.tool;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.mcp.connection.Connections;
import io.parley.mcp.connection.SignInRequired;
import io.parley.mcp.oauth.SignIns;
import io.parley.mcp.server.ServerRef;
import io.parley.mcp.server.ServerRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Calls one tool for a person: the server must be one they may use and must list the tool, the
 * arguments must match the tool's input schema (checked here, before anything reaches the server),
 * and the call ends after the timeout asked (at most the server's configured one). When the person
 * must sign in to the server first, nothing is called: the answer is an error that says so, with the
 * link of their sign-in (started now, or the pending one).
 */
@Component
public class ToolCalls {

    private static final Logger log = LoggerFactory.getLogger(ToolCalls.class);
    static final int MAX_TEXT = 1_000_000;

    private final ServerRegistry registry;
    private final ToolCatalog catalog;
    private final Connections connections;
    private final SignIns signIns;
    private final JsonSchemaValidator validator = new DefaultJsonSchemaValidator();

    ToolCalls(ServerRegistry registry, ToolCatalog catalog, Connections connections, SignIns signIns) {
        this.registry = registry;
        this.catalog = catalog;
        this.connections = connections;
        this.signIns = signIns;
    }

    /**
     * @param timeoutMs 0 or less for the server's configured timeout; more than it is cut to it
     * @throws ApiException.NotFound for an unknown server or tool, ApiException.Invalid for bad arguments
     */
    public ToolResult call(CurrentUser user, String server, String tool, Map<String, Object> arguments, long timeoutMs) {
        ServerRef ref = registry.require(user, server);
        McpTool found;
        try {
            found = catalog.find(user, server, tool);
        } catch (SignInRequired required) {
            return signInRequired(user, ref);
        }
        if (found == null) {
            throw new ApiException.NotFound("Tool not found", "MCP server '" + server + "' has no tool '"
                    + Texts.limit(tool, Texts.NAME) + "'");
        }
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        JsonSchemaValidator.ValidationResponse valid = validator.validate(found.inputSchema(), args);
        if (!valid.valid()) {
            throw new ApiException.Invalid("invalid_arguments",
                    "The arguments do not match the tool's input schema: " + Texts.limit(valid.errorMessage(), 1000),
                    List.of(new ApiException.FieldProblem("arguments", Texts.limit(valid.errorMessage(), 1000))));
        }
        long timeout = timeoutMs <= 0 ? ref.config().timeoutMs() : Math.min(timeoutMs, ref.config().timeoutMs());
        List<ToolResult.Progress> progress = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        McpSchema.CallToolResult result;
        try {
            result = connections.call(user, ref, tool, args, Duration.ofMillis(timeout),
                    n -> progress.add(new ToolResult.Progress(n.progress() == null ? 0 : n.progress(), n.total(),
                            n.message() == null ? null : Texts.limit(n.message(), Texts.DESCRIPTION))));
        } catch (SignInRequired required) {
            return signInRequired(user, ref);
        }
        log.info("MCP tool called server={} tool={} user_id={} ms={} error={}", server, tool, user.id(),
                (System.nanoTime() - started) / 1_000_000, Boolean.TRUE.equals(result.isError()));
        return new ToolResult(content(result), Boolean.TRUE.equals(result.isError()), List.copyOf(progress));
    }

    private ToolResult signInRequired(CurrentUser user, ServerRef server) {
        SignIns.Link link = signIns.start(user, server);
        log.info("MCP tool not called, sign-in needed server={} user_id={}", server.name(), user.id());
        String text = "Sign-in to MCP server '" + server.name() + "' is required. The user must open the sign-in link "
                + "shown with this call and then try again.";
        return new ToolResult(List.of(new ToolResult.Content("text", text, null, null, null, null)), true, List.of(),
                new ToolResult.SignIn(link.authUrl(), link.expiresAt().toEpochMilli(), link.flowId()));
    }

    static List<ToolResult.Content> content(McpSchema.CallToolResult result) {
        List<ToolResult.Content> out = new ArrayList<>();
        for (McpSchema.Content item : result.content() == null ? List.<McpSchema.Content>of() : result.content()) {
            out.add(switch (item) {
                case McpSchema.TextContent t -> new ToolResult.Content("text", Texts.limit(t.text(), MAX_TEXT), null, null, null, null);
                case McpSchema.ImageContent i -> new ToolResult.Content("image", null, i.data(), i.mimeType(), null, null);
                case McpSchema.AudioContent a -> new ToolResult.Content("audio", null, a.data(), a.mimeType(), null, null);
                case McpSchema.ResourceLink l -> new ToolResult.Content("resource_link",
                        l.description() == null ? null : Texts.limit(l.description(), Texts.DESCRIPTION), null,
                        l.mimeType(), l.uri(), Texts.limit(l.name(), Texts.NAME));
                case McpSchema.EmbeddedResource r -> switch (r.resource()) {
                    case McpSchema.TextResourceContents text -> new ToolResult.Content("resource",
                            Texts.limit(text.text(), MAX_TEXT), null, text.mimeType(), text.uri(), null);
                    case McpSchema.BlobResourceContents blob -> new ToolResult.Content("resource", null, blob.blob(),
                            blob.mimeType(), blob.uri(), null);
                    default -> new ToolResult.Content("resource", null, null, null, null, null);
                };
                default -> new ToolResult.Content(item.type(), null, null, null, null, null);
            });
        }
        return out;
    }
}
