package io.parley.chat.provider.google;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Google's Gemini API ({@code generateContent}), streamed as server-sent events with {@code alt=sse}.
 * Every chunk is a whole {@code GenerateContentResponse}; its usage counts are running totals.
 */
public final class GoogleProvider implements ModelProvider {

    private static final String MODEL_PREFIX = "models/";

    /** One entry of {@code contents}: a turn, by {@code user} or {@code model}. */
    record Content(String role, List<Object> parts) {
    }

    /** A text entry of a content's {@code parts}. */
    record TextPart(String text) {
    }

    private final ProviderHttp http;

    public GoogleProvider(ProviderConnection connection, ProviderClients clients) {
        this.http = clients.open("Google", connection,
                Json.isEmpty(connection.apiKey()) ? Map.of() : Map.of("x-goog-api-key", connection.apiKey()));
    }

    @Override
    public Completion stream(ModelRequest request, TokenSink sink, Cancellation cancel) {
        Answer answer = new Answer(sink);
        String path = "/models/" + modelId(request.model()) + ":streamGenerateContent?alt=sse";
        http.stream(http.post(path, body(request), true), cancel, answer, event -> {
            if (!event.data().isBlank()) {
                onResponse(Json.MAPPER.readTree(event.data()), answer);
            }
            return true;
        });
        return answer.completion();
    }

    @Override
    public Completion complete(ModelRequest request, Cancellation cancel) {
        String path = "/models/" + modelId(request.model()) + ":generateContent";
        Answer answer = Answer.unstreamed();
        onResponse(http.call(http.post(path, body(request), false), cancel), answer);
        return answer.completion();
    }

    /** All model ids without their {@code models/} prefix, following {@code nextPageToken}. */
    @Override
    public List<String> models() {
        List<String> ids = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 20; page++) {
            String query = "?pageSize=1000" + (token == null ? "" : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            JsonNode response = http.call(http.get("/models" + query), new Cancellation());
            for (JsonNode model : response.path("models")) {
                String name = Json.text(model.path("name"));
                if (name != null) {
                    ids.add(modelId(name));
                }
            }
            token = Json.text(response.path("nextPageToken"));
            if (Json.isEmpty(token)) {
                break;
            }
        }
        return ids;
    }

    /** One GenerateContentResponse, streamed chunk or whole answer. */
    private void onResponse(JsonNode response, Answer answer) {
        JsonNode error = response.path("error");
        if (error.isObject()) {
            // a stream that fails after the 200 ends with an error object in place of a chunk
            throw http.reported(Json.integer(error.path("code"), 0), response);
        }
        JsonNode candidate = response.path("candidates").path(0);
        for (JsonNode part : candidate.path("content").path("parts")) {
            JsonNode call = part.path("functionCall");
            if (call.isObject()) {
                // a call arrives whole; Gemini may give no id, the run needs one
                String id = Json.isEmpty(Json.text(call.path("id"))) ? "call_" + UUID.randomUUID() : Json.text(call.path("id"));
                int index = answer.toolCallCount();
                answer.toolCallStart(index, id, Json.text(call.path("name")), Json.text(part.path("thoughtSignature")));
                answer.toolCallArguments(index, call.path("args").isObject() ? call.path("args").toString() : "{}");
                continue;
            }
            String text = Json.text(part.path("text"));
            if (part.path("thought").isBoolean() && part.path("thought").booleanValue()) {
                answer.reasoning(text);
            } else {
                answer.text(text);
            }
        }
        answer.finishReason(Json.text(candidate.path("finishReason")));
        answer.finishReason(Json.text(response.path("promptFeedback").path("blockReason")));
        JsonNode usage = response.path("usageMetadata");
        if (usage.isObject()) {
            answer.promptTokens(Json.integer(usage.path("promptTokenCount"), 0));
            answer.completionTokens(Json.integer(usage.path("candidatesTokenCount"), 0)
                    + Json.integer(usage.path("thoughtsTokenCount"), 0));
        }
    }

    private static Map<String, Object> body(ModelRequest request) {
        Params params = new Params(request.parameters());
        Map<String, Object> config = new LinkedHashMap<>();
        putIfSet(config, "temperature", params.number("temperature"));
        putIfSet(config, "topP", params.number("topP", "top_p"));
        putIfSet(config, "topK", params.integer("topK", "top_k"));
        putIfSet(config, "maxOutputTokens", params.integer("maxOutputTokens", "max_tokens", "maxTokens"));
        putIfSet(config, "stopSequences", params.stops("stop", "stopSequences"));
        if (params.flag("thinking")) {
            Map<String, Object> thinking = new LinkedHashMap<>();
            thinking.put("includeThoughts", true);
            // -1 asks Gemini to size the budget itself (LibreChat's default)
            putIfSet(thinking, "thinkingBudget", params.integer("thinkingBudget", "thinking_budget"));
            config.put("thinkingConfig", thinking);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contents", contents(request.messages()));
        if (!request.tools().isEmpty()) {
            body.put("tools", List.of(Map.of("functionDeclarations",
                    request.tools().stream().map(GoogleProvider::declaration).toList())));
        }
        if (request.instructions() != null && !request.instructions().isBlank()) {
            body.put("systemInstruction", Map.of("parts", List.of(new TextPart(request.instructions()))));
        }
        if (!config.isEmpty()) {
            body.put("generationConfig", config);
        }
        return body;
    }

    /**
     * Alternating turns; a tool round of an agent run follows as the model's {@code functionCall} parts
     * (with the {@code thoughtSignature} each came with: Gemini refuses a replayed call without it when
     * it thought) and one user turn of {@code functionResponse} parts, matched to the calls by name.
     */
    private static List<Content> contents(List<ChatMessage> conversation) {
        int firstTool = 0;
        while (firstTool < conversation.size() && !conversation.get(firstTool).carriesTools()) {
            firstTool++;
        }
        List<Content> contents = new ArrayList<>();
        for (ChatMessage turn : RoleAlternation.alternating(conversation.subList(0, firstTool))) {
            List<Object> parts = new ArrayList<>(turn.images().size() + 1);
            for (ModelRequest.Image image : turn.images()) {
                parts.add(Map.of("inlineData", Map.of("mimeType", image.mediaType(), "data", image.base64())));
            }
            if (!Json.isEmpty(turn.text()) && !turn.text().isBlank()) {
                parts.add(new TextPart(turn.text()));
            }
            contents.add(new Content(turn.role() == ModelRequest.Role.USER ? "user" : "model", parts));
        }
        Map<String, String> toolNames = new HashMap<>();
        List<Object> responses = new ArrayList<>();
        for (ChatMessage message : conversation.subList(firstTool, conversation.size())) {
            if (message.role() == ModelRequest.Role.TOOL) {
                responses.add(Map.of("functionResponse", Map.of("name", toolNames.getOrDefault(message.toolCallId(), ""),
                        "response", Map.of("output", Json.isEmpty(message.text()) ? "" : message.text()))));
                continue;
            }
            if (message.role() == ModelRequest.Role.USER && !responses.isEmpty()) {
                // the person's words sent while the tools ran (a steer) join the responses' turn, after them
                responses.add(new TextPart(message.text()));
                continue;
            }
            if (!responses.isEmpty()) {
                contents.add(new Content("user", List.copyOf(responses)));
                responses.clear();
            }
            List<Object> parts = new ArrayList<>();
            if (!Json.isEmpty(message.text()) && !message.text().isBlank()) {
                parts.add(new TextPart(message.text()));
            }
            for (ModelRequest.ToolCall call : message.toolCalls()) {
                toolNames.put(call.id(), call.name());
                Map<String, Object> part = new LinkedHashMap<>();
                part.put("functionCall", Map.of("name", call.name(), "args", Json.arguments(call.argumentsJson())));
                putIfSet(part, "thoughtSignature", call.signature());
                parts.add(part);
            }
            contents.add(new Content(message.role() == ModelRequest.Role.USER ? "user" : "model", parts));
        }
        if (!responses.isEmpty()) {
            contents.add(new Content("user", List.copyOf(responses)));
        }
        return contents;
    }

    /** A tool as Gemini declares functions; the schema goes as JSON Schema, unchanged. */
    private static Map<String, Object> declaration(ModelRequest.ToolSpec spec) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", spec.name());
        putIfSet(function, "description", Json.isEmpty(spec.description()) ? null : spec.description());
        function.put("parametersJsonSchema", Json.schema(spec.inputSchemaJson()));
        return function;
    }

    /** Gemini names models {@code models/x} in lists but wants only {@code x} in the path. */
    private static String modelId(String model) {
        return model.startsWith(MODEL_PREFIX) ? model.substring(MODEL_PREFIX.length()) : model;
    }

    @Override
    public String toString() {
        return "GoogleProvider[" + http + "]";
    }
}
