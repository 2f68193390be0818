package io.parley.agent.definition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A handoff or a direct edge from agents to agents (LibreChat's {@code GraphEdge}); the optional parts as
 * sent, left out when not sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentEdge(
        @NotNull(message = Ends.MESSAGE) @Valid Ends from,
        @NotNull(message = Ends.MESSAGE) @Valid Ends to,
        @Nullable @Pattern(regexp = "handoff|direct", message = "must be handoff or direct") String edgeType,
        @Nullable @Size(max = 2_000, message = AgentRequest.TEXT_MAX) String description,
        @Nullable @Size(max = 10_000, message = AgentRequest.TEXT_MAX) String prompt,
        @Nullable @Size(max = 256, message = AgentRequest.TEXT_MAX) String promptKey,
        @Nullable Boolean excludeResults) {

    /**
     * One agent id or several: LibreChat takes either and keeps the form it was sent in, so do we.
     *
     * @param single whether it was one id rather than a list
     */
    public record Ends(
            @Size(min = 1, max = 100, message = MESSAGE) List<@NotEmpty(message = MESSAGE) @Size(max = 64, message = MESSAGE) String> ids,
            boolean single) {

        static final String MESSAGE = "must be an agent id or a list of agent ids";

        /** @throws IllegalArgumentException for anything but text or a list of text */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Ends of(@Nullable Object value) {
            if (value instanceof String id) {
                return new Ends(List.of(id), true);
            }
            if (value instanceof List<?> ids && ids.stream().allMatch(String.class::isInstance)) {
                return new Ends(ids.stream().map(String.class::cast).toList(), false);
            }
            throw new IllegalArgumentException(MESSAGE);
        }

        /** As sent: the id, or the list. */
        @JsonValue
        public Object asSent() {
            return single ? ids.getFirst() : ids;
        }
    }
}
