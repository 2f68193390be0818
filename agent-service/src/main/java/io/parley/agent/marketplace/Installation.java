package io.parley.agent.marketplace;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.agent.definition.ReducedAgentView;
import org.jspecify.annotations.Nullable;

/**
 * The answer to installing or uninstalling: whether the agent is installed now, and after an install the
 * agent as its viewers see it.
 */
record Installation(boolean installed, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ReducedAgentView agent) {
}
