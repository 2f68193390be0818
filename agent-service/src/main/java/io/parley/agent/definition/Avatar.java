package io.parley.agent.definition;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An agent's image: where it is served from and which storage holds it.
 *
 * @param filepath e.g. {@code /images/<userId>/<file_id>.png}
 * @param source   the storage strategy that holds it, e.g. {@code local}, {@code s3}, {@code azure_blob}
 */
public record Avatar(@NotNull(message = "is required") @Size(max = 2_048, message = AgentRequest.TEXT_MAX) String filepath,
                     @NotNull(message = "is required") @Size(max = 64, message = AgentRequest.TEXT_MAX) String source) {
}
