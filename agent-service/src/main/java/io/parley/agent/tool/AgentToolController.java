package io.parley.agent.tool;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code /api/agents/tools} routes ({@code api/server/routes/agents/tools.js}), answered for what
 * Parley runs: an agent's tools are MCP tools, which LibreChat 0.8 lists under {@code /api/mcp/tools}
 * (mcp-service) and not here. These literal paths win over the agent routes' {@code /{id}}, so no agent
 * id is ever read as {@code tools}. Like LibreChat, any signed-in person may ask; no role is checked.
 */
@RestController
@RequestMapping("/api/agents/tools")
class AgentToolController {

    /** LibreChat's {@code Tools.web_search} and {@code Tools.execute_code}. */
    static final String WEB_SEARCH = "web_search";
    static final String EXECUTE_CODE = "execute_code";

    /**
     * LibreChat's manifest tools (its plugins: image generation, search engines, calculators…) that are
     * loaded; Parley has none of them, so the list is empty.
     */
    @GetMapping({"", "/"})
    List<Map<String, Object>> available(CurrentUser caller) {
        return List.of();
    }

    /**
     * LibreChat's records of tools a person ran directly ({@code POST /tools/:toolId/call}: code run from a
     * message). Parley offers no such calls, so there are none for any conversation; the tool calls of
     * agent runs are parts of the saved messages, as in LibreChat.
     */
    @GetMapping("/calls")
    List<Map<String, Object>> calls(CurrentUser caller, @RequestParam(required = false) @Nullable String conversationId) {
        return List.of();
    }

    /**
     * What LibreChat 0.8 answers when the tool's keys are not set, since Parley configures neither web search
     * nor code execution: web search per category, code execution {@code user_provided}; any other tool 404.
     */
    @GetMapping("/{toolId}/auth")
    ToolAuth auth(CurrentUser caller, @PathVariable String toolId) {
        return switch (toolId) {
            case WEB_SEARCH -> ToolAuth.webSearchNotConfigured();
            case EXECUTE_CODE -> ToolAuth.codeExecutionNotConfigured();
            default -> throw toolNotFound();
        };
    }

    /** LibreChat runs only code execution this way; Parley runs no tool directly. */
    @PostMapping("/{toolId}/call")
    Map<String, Object> call(CurrentUser caller, @PathVariable String toolId) {
        throw toolNotFound();
    }

    private static ApiException toolNotFound() {
        return new ApiException.NotFound("Tool not found", "Tool not found");
    }
}
