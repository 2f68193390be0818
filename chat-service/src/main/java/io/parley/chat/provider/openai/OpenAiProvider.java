package io.parley.chat.provider.openai;

import io.parley.chat.provider.Cancellation;
import io.parley.chat.provider.Completion;
import io.parley.chat.provider.ModelProvider;
import io.parley.chat.provider.ModelRequest;
import io.parley.chat.provider.ProviderConnection;
import io.parley.chat.provider.TokenSink;
import io.parley.chat.provider.wire.Answer;
import io.parley.chat.provider.wire.Json;
import io.parley.chat.provider.wire.Params;
import io.parley.chat.provider.http.ProviderClients;
import io.parley.chat.provider.http.ProviderHttp;
import io.parley.chat.provider.wire.TextMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's Chat Completions protocol, spoken by OpenAI and most "custom" endpoints (OpenRouter, Groq,
 * Ollama, vLLM, DeepSeek…). Reasoning arrives as {@code reasoning_content} (DeepSeek, vLLM) or
 * {@code reasoning} (OpenRouter, Ollama); both are read.
 */
public final class OpenAiProvider implements ModelProvider {

    private final ProviderHttp http;

    public OpenAiProvider(ProviderConnection connection, ProviderClients clients) {
        String key = connection.apiKey();
        this.http = clients.open("OpenAI-compatible provider", connection,
                Json.isEmpty(key) ? Map.of() : Map.of("Authorization", "Bearer " + key));
    }

    @Override
    public Completion stream(ModelRequest request, TokenSink sink, Cancellation cancel) {
        Answer answer = new Answer(sink);
        http.stream(http.post("/chat/completions", body(request, true), true), cancel, answer,
                event -> onChunk(event.data(), answer));
        return answer.completion();
    }

    @Override
    public Completion complete(ModelRequest request, Cancellation cancel) {
        JsonNode response = http.call(http.post("/chat/completions", body(request, false), false), cancel);
        Answer answer = Answer.unstreamed();
        JsonNode choice = response.path("choices").path(0);
        JsonNode message = choice.path("message");
        answer.reasoning(Json.text(message.path("reasoning_content")));
        answer.reasoning(Json.text(message.path("reasoning")));
        answer.text(Json.text(message.path("content")));
        answer.finishReason(Json.text(choice.path("finish_reason")));
        usage(response.path("usage"), answer);
        return answer.completion();
    }

    @Override
    public List<String> models() {
        JsonNode response = http.call(http.get("/models"), new Cancellation());
        List<String> ids = new ArrayList<>();
        // OpenAI wraps the list in {object:"list", data:[…]}; a few compatible servers send the bare array
        for (JsonNode model : response.isArray() ? response : response.path("data")) {
            String id = Json.text(model.path("id"));
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** One {@code data:} payload; false at {@code [DONE]}. */
    private boolean onChunk(String data, Answer answer) {
        String payload = data.trim();
        if (payload.equals("[DONE]")) {
            return false;
        }
        if (payload.isEmpty()) {
            return true;
        }
        JsonNode chunk = Json.MAPPER.readTree(payload);
        JsonNode error = chunk.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            // compatible servers report failures inside the stream, after the 200 went out
            throw http.reported(Json.integer(error.path("code"), 0), chunk);
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        answer.reasoning(Json.text(delta.path("reasoning_content")));
        answer.reasoning(Json.text(delta.path("reasoning")));
        answer.text(Json.text(delta.path("content")));
        for (JsonNode call : delta.path("tool_calls")) {
            // the first piece of a call carries its id and name, later pieces only arguments
            int index = Json.integer(call.path("index"), 0);
            String id = Json.text(call.path("id"));
            if (id != null) {
                answer.toolCallStart(index, id, Json.text(call.path("function").path("name")));
            }
            answer.toolCallArguments(index, Json.text(call.path("function").path("arguments")));
        }
        answer.finishReason(Json.text(choice.path("finish_reason")));
        usage(chunk.path("usage"), answer);
        return true;
    }

    private static void usage(JsonNode usage, Answer answer) {
        if (usage.isObject()) {
            answer.promptTokens(Json.integer(usage.path("prompt_tokens"), 0));
            answer.completionTokens(Json.integer(usage.path("completion_tokens"), 0));
        }
    }

    private static Map<String, Object> body(ModelRequest request, boolean streamed) {
        List<Object> messages = new ArrayList<>();
        if (request.instructions() != null && !request.instructions().isBlank()) {
            messages.add(new TextMessage("system", request.instructions()));
        }
        Params params = new Params(request.parameters());
        String imageDetail = params.string("imageDetail");
        for (ModelRequest.ChatMessage message : request.messages()) {
            messages.add(message(message, imageDetail));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", request.model());
        body.put("messages", messages);
        body.put("stream", streamed);
        if (streamed) {
            body.put("stream_options", Map.of("include_usage", true));
        }
        Params.putIfSet(body, "user", request.user());
        Params.putIfSet(body, "temperature", params.number("temperature"));
        Params.putIfSet(body, "top_p", params.number("top_p", "topP"));
        Params.putIfSet(body, "frequency_penalty", params.number("frequency_penalty", "frequencyPenalty"));
        Params.putIfSet(body, "presence_penalty", params.number("presence_penalty", "presencePenalty"));
        Params.putIfSet(body, "max_tokens", params.integer("max_tokens", "maxOutputTokens", "maxTokens"));
        Params.putIfSet(body, "stop", params.stops("stop"));
        Params.putIfSet(body, "reasoning_effort", params.string("reasoning_effort", "reasoningEffort"));
        Params.putIfSet(body, "seed", params.integer("seed"));
        if (!request.tools().isEmpty()) {
            body.put("tools", request.tools().stream().map(OpenAiProvider::tool).toList());
        }
        return body;
    }

    private static Object message(ModelRequest.ChatMessage message, String imageDetail) {
        String text = message.text() == null ? "" : message.text();
        return switch (message.role()) {
            case USER -> message.images().isEmpty() ? new TextMessage("user", text)
                    : Map.of("role", "user", "content", partsWithImages(text, message.images(), imageDetail));
            case TOOL -> Map.of("role", "tool", "tool_call_id", message.toolCallId(), "content", text);
            case ASSISTANT -> {
                if (message.toolCalls().isEmpty()) {
                    yield new TextMessage("assistant", text);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("role", "assistant");
                // OpenAI wants null, not "", beside tool calls
                out.put("content", text.isEmpty() ? null : text);
                out.put("tool_calls", message.toolCalls().stream().map(call -> Map.of("id", call.id(), "type", "function",
                        "function", Map.of("name", call.name(), "arguments", call.argumentsJson()))).toList());
                yield out;
            }
        };
    }

    /** Chat Completions' content parts: the text, then each image as a data URL. */
    private static List<Object> partsWithImages(String text, List<ModelRequest.Image> images, String detail) {
        List<Object> parts = new ArrayList<>(images.size() + 1);
        if (!text.isBlank()) {
            parts.add(Map.of("type", "text", "text", text));
        }
        for (ModelRequest.Image image : images) {
            Map<String, Object> url = new LinkedHashMap<>();
            url.put("url", "data:" + image.mediaType() + ";base64," + image.base64());
            Params.putIfSet(url, "detail", detail);
            parts.add(Map.of("type", "image_url", "image_url", url));
        }
        return parts;
    }

    private static Map<String, Object> tool(ModelRequest.ToolSpec spec) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", spec.name());
        Params.putIfSet(function, "description", Json.isEmpty(spec.description()) ? null : spec.description());
        function.put("parameters", Json.schema(spec.inputSchemaJson()));
        return Map.of("type", "function", "function", function);
    }

    @Override
    public String toString() {
        return "OpenAiProvider[" + http + "]";
    }
}
