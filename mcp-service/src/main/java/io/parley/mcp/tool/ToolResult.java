package io.parley.mcp.tool;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A tool's answer as MCP content, and the progress the server reported while it ran.
 *
 * @param isError the tool ran and reported a failure (the model should see it)
 */
public record ToolResult(List<Content> content, boolean isError, List<Progress> progress) {

    /** One MCP content item: text, image, audio, resource_link or resource. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Content(String type, String text, String data, String mimeType, String uri, String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Progress(double progress, Double total, String message) {
    }
}
