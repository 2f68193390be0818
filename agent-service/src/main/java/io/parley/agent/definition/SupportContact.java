package io.parley.agent.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Whom to ask about an agent; each part as sent, left out when not sent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SupportContact(
        @Nullable @Size(max = 256, message = AgentRequest.TEXT_MAX) String name,
        @Nullable @Size(max = 254, message = AgentRequest.TEXT_MAX)
        @Pattern(regexp = "|[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be an e-mail address or empty") String email) {
}
