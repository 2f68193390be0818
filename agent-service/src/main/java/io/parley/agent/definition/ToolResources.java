package io.parley.agent.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The files an agent's tools work on, per tool resource (LibreChat's {@code tool_resources}). A body's
 * resources other than these are dropped, as zod drops them; a resource not sent is left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolResources(@Nullable @Valid Resource file_search, @Nullable @Valid Resource execute_code,
                            @Nullable @Valid Resource context, @Nullable @Valid Resource ocr,
                            @Nullable @Valid Resource image_edit) {

    /** The resources' names, as LibreChat's uploads name them ({@code tool_resource}). */
    public static final List<String> NAMES = List.of("file_search", "execute_code", "context", "ocr", "image_edit");
    static final ToolResources NONE = new ToolResources(null, null, null, null, null);

    /** One resource's files; a list not sent is left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resource(
            @Nullable @Size(max = 1_000, message = AgentRequest.ITEMS_MAX)
            List<@NotEmpty(message = AgentRequest.NOT_EMPTY) @Size(max = 128, message = AgentRequest.TEXT_MAX) String> file_ids,
            @Nullable @Size(max = 1_000, message = AgentRequest.ITEMS_MAX)
            List<@NotEmpty(message = AgentRequest.NOT_EMPTY) @Size(max = 128, message = AgentRequest.TEXT_MAX) String> vector_store_ids) {

        Resource withFile(String fileId) {
            List<String> files = new ArrayList<>(file_ids == null ? List.of() : file_ids);
            if (!files.contains(fileId)) {
                files.add(fileId);
            }
            return new Resource(files, vector_store_ids);
        }
    }

    /** These resources with {@code fileId} added to {@code name}'s files (no change if it is there). */
    ToolResources withFile(String name, String fileId) {
        Resource resource = get(name);
        return with(name, (resource == null ? new Resource(null, null) : resource).withFile(fileId));
    }

    /**
     * What a copy of the agent keeps: {@code context} (and the deprecated {@code ocr}); the other
     * resources' files are the original's.
     */
    ToolResources keptByCopies() {
        return new ToolResources(null, null, context, ocr, null);
    }

    private @Nullable Resource get(String name) {
        return switch (name) {
            case "file_search" -> file_search;
            case "execute_code" -> execute_code;
            case "context" -> context;
            case "ocr" -> ocr;
            case "image_edit" -> image_edit;
            default -> throw new IllegalArgumentException("not a tool resource: " + name);
        };
    }

    private ToolResources with(String name, Resource resource) {
        return switch (name) {
            case "file_search" -> new ToolResources(resource, execute_code, context, ocr, image_edit);
            case "execute_code" -> new ToolResources(file_search, resource, context, ocr, image_edit);
            case "context" -> new ToolResources(file_search, execute_code, resource, ocr, image_edit);
            case "ocr" -> new ToolResources(file_search, execute_code, context, resource, image_edit);
            case "image_edit" -> new ToolResources(file_search, execute_code, context, ocr, resource);
            default -> throw new IllegalArgumentException("not a tool resource: " + name);
        };
    }
}
