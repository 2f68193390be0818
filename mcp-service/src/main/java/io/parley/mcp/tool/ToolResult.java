package io.parley.mcp.tool;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A tool's answer as MCP content, and the progress the server reported while it ran.
 *
 * @param isError the tool ran and reported a failure (the model should see it), or could not run
 *                because the person must sign in first
 * @param signIn  where the person signs in to the server first (nothing was called); null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolResult(List<Content> content, boolean isError, List<Progress> progress, @Nullable SignIn signIn) {

    public ToolResult(List<Content> content, boolean isError, List<Progress> progress) {
        this(content, isError, progress, null);
    }

    /**
     * LibreChat's tool-call {@code auth} and {@code expires_at}, and its flow id.
     *
     * @param expiresAt ms since the epoch
     */
    public record SignIn(String authUrl, long expiresAt, String flowId) {
    }

    /** One MCP content item: text, image, audio, resource_link or resource. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Content(String type, String text, String data, String mimeType, String uri, String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Progress(double progress, Double total, String message) {
    }
}
