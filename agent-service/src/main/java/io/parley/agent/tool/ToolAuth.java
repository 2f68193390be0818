package io.parley.agent.tool;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * LibreChat's answer to {@code GET /api/agents/tools/:toolId/auth}: whether the tool's credentials are set,
 * with {@code message} (code execution) or {@code authTypes} (web search: per category, who would provide
 * them), never both.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ToolAuth(boolean authenticated, @Nullable String message, @Nullable List<List<String>> authTypes) {

    /** LibreChat's {@code AuthType.USER_PROVIDED}. */
    static final String USER_PROVIDED = "user_provided";

    /** Web search with none of its providers, scrapers and rerankers configured. */
    static ToolAuth webSearchNotConfigured() {
        return new ToolAuth(false, null, List.of(List.of("providers", USER_PROVIDED), List.of("scrapers", USER_PROVIDED),
                List.of("rerankers", USER_PROVIDED)));
    }

    /** Code execution without its API key. */
    static ToolAuth codeExecutionNotConfigured() {
        return new ToolAuth(false, USER_PROVIDED, null);
    }
}
