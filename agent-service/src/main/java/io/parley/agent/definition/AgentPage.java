package io.parley.agent.definition;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of LibreChat's agent lists: {@code {object:"list", data, first_id, last_id, has_more, after}}.
 *
 * @param after the cursor of the next page; null on the last
 */
public record AgentPage<T>(String object, List<T> data, @Nullable String first_id, @Nullable String last_id,
                           boolean has_more, @Nullable String after) {

    /** @param next the cursor of the next page, null when this is the last */
    public static <T> AgentPage<T> of(List<T> data, Function<T, String> agentId, @Nullable String next) {
        return new AgentPage<>("list", data, data.isEmpty() ? null : agentId.apply(data.getFirst()),
                data.isEmpty() ? null : agentId.apply(data.getLast()), next != null, next);
    }
}
