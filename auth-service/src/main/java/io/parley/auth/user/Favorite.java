package io.parley.auth.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One of a person's pinned choices in LibreChat's model menu, stored on the user document: exactly
 * one of an agent ({@code agentId}), a model of an endpoint ({@code model} with {@code endpoint}) or a
 * model spec ({@code spec}); the other fields are null and neither stored nor sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Favorite(@Nullable String agentId, @Nullable String model, @Nullable String endpoint,
                       @Nullable String spec) {
}
