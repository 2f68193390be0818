package io.parley.chat.provider.anthropic;

import static io.parley.chat.provider.wire.Params.putIfSet;

import io.parley.chat.provider.Cancellation;
import io.parley.chat.provider.Completion;
import io.parley.chat.provider.ModelProvider;
import io.parley.chat.provider.ModelRequest;
import io.parley.chat.provider.ModelRequest.ChatMessage;
import io.parley.chat.provider.ProviderConnection;
import io.parley.chat.provider.TokenSink;
import io.parley.chat.provider.wire.Answer;
import io.parley.chat.provider.wire.Json;
import io.parley.chat.provider.wire.Params;
import io.parley.chat.provider.http.ProviderClients;
import io.parley.chat.provider.http.ProviderHttp;
import io.parley.chat.provider.wire.RoleAlternation;
import io.parley.chat.provider.http.SseReader;
import io.parley.chat.provider.wire.TextMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Anthropic's Messages API, streamed as named server-sent events. */
public final class AnthropicProvider implements ModelProvider {

    static final String VERSION = "2023-06-01";
    static final int DEFAULT_MAX_TOKENS = 8192;
    static final int DEFAULT_THINKING_BUDGET = 2000;
    /** Anthropic's smallest thinking budget. */
    static final int MIN_THINKING_BUDGET = 1024;
    /** Stands in for the user turn Anthropic requires first when a conversation opens with the model. */
    static final String OPENING_PLACEHOLDER = "…";

    /** Anthropic's error types and the HTTP status each goes with, for errors sent inside a stream. */
    private static final Map<String, Integer> ERROR_STATUS = Map.of(
            "invalid_request_error", 400, "authentication_error", 401, "billing_error", 402,
            "permission_error", 403, "not_found_error", 404, "request_too_large", 413,
            "rate_limit_error", 429, "api_error", 500, "timeout_error", 504, "overloaded_error", 529);

    private final ProviderHttp http;

    public AnthropicProvider(ProviderConnection connection, ProviderClients clients) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("anthropic-version", VERSION);
        if (!Json.isEmpty(connection.apiKey())) {
            headers.put("x-api-key", connection.apiKey());
        }
        this.http = clients.open("Anthropic", connection, headers);
    }

    @Override
    public Completion stream(ModelRequest request, TokenSink sink, Cancellation cancel) {
        Answer answer = new Answer(sink);
        http.stream(http.post("/messages", body(request, true), true), cancel, answer,
                event -> onEvent(event, answer));
        return answer.completion();
    }

    @Override
    public Completion complete(ModelRequest request, Cancellation cancel) {
        JsonNode message = http.call(http.post("/messages", body(request, false), false), cancel);
        Answer answer = Answer.unstreamed();
        for (JsonNode block : message.path("content")) {
            switch (String.valueOf(Json.text(block.path("type")))) {
                case "text" -> answer.text(Json.text(block.path("text")));
                case "thinking" -> answer.reasoning(Json.text(block.path("thinking")));
                default -> {
                    // tool_use, redacted_thinking: nothing to show
                }
            }
        }
        answer.promptTokens(inputTokens(message.path("usage")));
        answer.completionTokens(Json.integer(message.path("usage").path("output_tokens"), 0));
        answer.finishReason(Json.text(message.path("stop_reason")));
        return answer.completion();
    }

    /** All model ids, following Anthropic's {@code has_more}/{@code after_id} pages. */
    @Override
    public List<String> models() {
        List<String> ids = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 20; page++) {
            String query = "?limit=1000" + (after == null ? "" : "&after_id=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            JsonNode response = http.call(http.get("/models" + query), new Cancellation());
            for (JsonNode model : response.path("data")) {
                String id = Json.text(model.path("id"));
                if (id != null) {
                    ids.add(id);
                }
            }
            after = Json.text(response.path("last_id"));
            JsonNode more = response.path("has_more");
            if (!(more.isBoolean() && more.booleanValue()) || after == null) {
                break;
            }
        }
        return ids;
    }

    /**
     * One event. The type inside the data is authoritative (the {@code event:} line repeats it); false at
     * {@code message_stop}.
     */
    private boolean onEvent(SseReader.Event event, Answer answer) {
        if (event.data().isBlank()) {
            return true;
        }
        JsonNode data = Json.MAPPER.readTree(event.data());
        String type = Json.text(data.path("type"));
        if (type == null) {
            type = String.valueOf(event.event());
        }
        switch (type) {
            case "message_start" -> answer.promptTokens(inputTokens(data.path("message").path("usage")));
            case "content_block_start" -> {
                JsonNode block = data.path("content_block");
                if ("tool_use".equals(Json.text(block.path("type")))) {
                    answer.toolCallStart(Json.integer(data.path("index"), 0), Json.text(block.path("id")),
                            Json.text(block.path("name")));
                }
            }
            case "content_block_delta" -> {
                JsonNode delta = data.path("delta");
                switch (String.valueOf(Json.text(delta.path("type")))) {
                    case "text_delta" -> answer.text(Json.text(delta.path("text")));
                    case "thinking_delta" -> answer.reasoning(Json.text(delta.path("thinking")));
                    case "input_json_delta" -> answer.toolCallArguments(Json.integer(data.path("index"), 0),
                            Json.text(delta.path("partial_json")));
                    default -> {
                        // signature_delta: not for the reader
                    }
                }
            }
            case "message_delta" -> {
                JsonNode usage = data.path("usage");
                if (usage.path("input_tokens").isNumber()) {
                    answer.promptTokens(inputTokens(usage));
                }
                answer.completionTokens(Json.integer(usage.path("output_tokens"), 0));
                answer.finishReason(Json.text(data.path("delta").path("stop_reason")));
            }
            case "message_stop" -> {
                return false;
            }
            case "error" -> {
                // e.g. overloaded_error under load: what would have been a 529 before the stream began
                String errorType = Json.text(data.path("error").path("type"));
                throw http.reported(ERROR_STATUS.getOrDefault(String.valueOf(errorType), 0), data);
            }
            default -> {
                // ping, content_block_start/stop, and event types added later: ignored as Anthropic asks
            }
        }
        return true;
    }

    /** The whole prompt: Anthropic counts tokens written to and read from its prompt cache apart. */
    private static int inputTokens(JsonNode usage) {
        return Json.integer(usage.path("input_tokens"), 0) + Json.integer(usage.path("cache_creation_input_tokens"), 0)
                + Json.integer(usage.path("cache_read_input_tokens"), 0);
    }

    private static Map<String, Object> body(ModelRequest request, boolean streamed) {
        Params params = new Params(request.parameters());
        Integer askedMax = params.integer("max_tokens", "maxOutputTokens", "maxTokens");
        int maxTokens = askedMax != null && askedMax > 0 ? askedMax : DEFAULT_MAX_TOKENS;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", request.model());
        if (request.instructions() != null && !request.instructions().isBlank()) {
            body.put("system", request.instructions());
        }
        body.put("messages", messages(request.messages()));
        body.put("max_tokens", maxTokens);
        body.put("stream", streamed);
        putIfSet(body, "stop_sequences", params.stops("stop", "stop_sequences", "stopSequences"));
        if (params.flag("thinking") && maxTokens > MIN_THINKING_BUDGET) {
            Integer asked = params.integer("thinkingBudget", "thinking_budget");
            int budget = Math.clamp(asked == null ? DEFAULT_THINKING_BUDGET : asked, MIN_THINKING_BUDGET, maxTokens - 1);
            body.put("thinking", Map.of("type", "enabled", "budget_tokens", budget));
            // thinking rejects a changed temperature or top_k, and a top_p below 0.95: leave them at their defaults
        } else {
            putIfSet(body, "temperature", params.number("temperature"));
            putIfSet(body, "top_p", params.number("top_p", "topP"));
            putIfSet(body, "top_k", params.integer("top_k", "topK"));
        }
        if (request.user() != null) {
            body.put("metadata", Map.of("user_id", request.user()));
        }
        if (!request.tools().isEmpty()) {
            body.put("tools", request.tools().stream().map(AnthropicProvider::tool).toList());
        }
        return body;
    }

    /**
     * Strictly alternating turns that open with the user, as the Messages API requires. A tool round
     * of an agent run follows as content blocks: the model's {@code tool_use} blocks, then one user
     * turn with every {@code tool_result} (and the text of any steer sent meanwhile).
     */
    private static List<Object> messages(List<ChatMessage> conversation) {
        int firstTool = 0;
        while (firstTool < conversation.size() && !conversation.get(firstTool).carriesTools()) {
            firstTool++;
        }
        List<ChatMessage> turns = RoleAlternation.alternating(conversation.subList(0, firstTool));
        List<Object> messages = new ArrayList<>(turns.size() + 1);
        if (!turns.isEmpty() && turns.getFirst().role() == ModelRequest.Role.ASSISTANT) {
            messages.add(new TextMessage("user", OPENING_PLACEHOLDER));
        }
        for (ChatMessage turn : turns) {
            String role = turn.role() == ModelRequest.Role.USER ? "user" : "assistant";
            messages.add(turn.images().isEmpty() ? new TextMessage(role, turn.text()) : Map.of("role", role, "content", blocks(turn)));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (ChatMessage message : conversation.subList(firstTool, conversation.size())) {
            if (message.role() == ModelRequest.Role.TOOL) {
                results.add(Map.of("type", "tool_result", "tool_use_id", message.toolCallId(), "content",
                        Json.isEmpty(message.text()) ? "(no output)" : message.text()));
                continue;
            }
            if (message.role() == ModelRequest.Role.USER && !results.isEmpty()) {
                // the person's words sent while the tools ran (a steer) join the results' turn, after them
                results.add(Map.of("type", "text", "text", message.text()));
                continue;
            }
            if (!results.isEmpty()) {
                messages.add(Map.of("role", "user", "content", List.copyOf(results)));
                results.clear();
            }
            List<Map<String, Object>> blocks = new ArrayList<>();
            if (!Json.isEmpty(message.text()) && !message.text().isBlank()) {
                blocks.add(Map.of("type", "text", "text", message.text()));
            }
            for (ModelRequest.ToolCall call : message.toolCalls()) {
                blocks.add(Map.of("type", "tool_use", "id", call.id(), "name", call.name(),
                        "input", Json.arguments(call.argumentsJson())));
            }
            messages.add(Map.of("role", message.role() == ModelRequest.Role.USER ? "user" : "assistant", "content", blocks));
        }
        if (!results.isEmpty()) {
            messages.add(Map.of("role", "user", "content", List.copyOf(results)));
        }
        return messages;
    }

    /** Images first, then the text: what Anthropic advises for questions about images. */
    private static List<Object> blocks(ChatMessage turn) {
        List<Object> blocks = new ArrayList<>(turn.images().size() + 1);
        for (ModelRequest.Image image : turn.images()) {
            blocks.add(Map.of("type", "image", "source",
                    Map.of("type", "base64", "media_type", image.mediaType(), "data", image.base64())));
        }
        if (!Json.isEmpty(turn.text()) && !turn.text().isBlank()) {
            blocks.add(Map.of("type", "text", "text", turn.text()));
        }
        return blocks;
    }

    private static Map<String, Object> tool(ModelRequest.ToolSpec spec) {
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("name", spec.name());
        putIfSet(tool, "description", Json.isEmpty(spec.description()) ? null : spec.description());
        tool.put("input_schema", Json.schema(spec.inputSchemaJson()));
        return tool;
    }

    @Override
    public String toString() {
        return "AnthropicProvider[" + http + "]";
    }
}
