package io.parley.chat.provider.fake;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Gemini API under {@code /v1beta}: {@code POST /v1beta/models/{model}:streamGenerateContent?alt=sse}
 * (each event a whole {@code GenerateContentResponse} with running usage, CRLF-separated like Google's),
 * {@code POST …:generateContent} and {@code GET /v1beta/models}. Thoughts go out as parts with
 * {@code "thought": true} only when the request sets {@code includeThoughts}. Like Google it answers a
 * wrong key with 400 {@code INVALID_ARGUMENT} and a missing one with 403 {@code PERMISSION_DENIED}.
 */
public final class FakeGemini extends FakeServer<FakeGemini> {

    private static final Pattern CALL = Pattern.compile("^/v1beta/models/([^/:]+):(streamGenerateContent|generateContent)$");

    public FakeGemini() {
        super("/v1beta");
    }

    public static void main(String[] args) throws InterruptedException {
        serve(new FakeGemini(), args);
    }

    @Override
    protected boolean handleModels(String method, String path, Exchange exchange) throws IOException {
        if (!method.equals("GET") || !path.equals("/v1beta/models")) {
            return false;
        }
        exchange.json(200, """
                {"models":[\
                {"name":"models/fake-model","version":"001","displayName":"Fake Model","inputTokenLimit":1048576,\
                "outputTokenLimit":65536,"supportedGenerationMethods":["generateContent","countTokens"]},\
                {"name":"models/fake-model-2","version":"001","displayName":"Fake Model 2","inputTokenLimit":1048576,\
                "outputTokenLimit":65536,"supportedGenerationMethods":["generateContent","countTokens"]}]}""");
        return true;
    }

    @Override
    protected boolean isGeneration(String method, String path) {
        return method.equals("POST") && CALL.matcher(path).matches();
    }

    @Override
    protected boolean isStreamed(String path, String body) {
        return path.endsWith(":streamGenerateContent");
    }

    @Override
    protected boolean wantsReasoning(String body) {
        return hasTrue(body, "includeThoughts");
    }

    @Override
    protected String model(String path, String body) {
        Matcher matcher = CALL.matcher(path);
        return matcher.matches() ? matcher.group(1) : "fake-model";
    }

    @Override
    protected Rejection checkKey(Exchange exchange, String expectedKey) {
        if (expectedKey == null) {
            return null;
        }
        String key = exchange.header("x-goog-api-key");
        if (key == null) {
            return new Rejection(403, error(403, "Method doesn't allow unregistered callers (callers without "
                    + "established identity). Please use API Key or other form of API consumer identity to call "
                    + "this API.", "PERMISSION_DENIED"));
        }
        if (!key.equals(expectedKey)) {
            return new Rejection(400, error(400, "API key not valid. Please pass a valid API key.",
                    "INVALID_ARGUMENT"));
        }
        return null;
    }

    @Override
    protected String errorBody(int status, String message) {
        return switch (status) {
            case 400 -> error(status, message != null ? message : "Request contains an invalid argument.",
                    "INVALID_ARGUMENT");
            case 401 -> error(status, message != null ? message : "Request had invalid authentication credentials.",
                    "UNAUTHENTICATED");
            case 403 -> error(status, message != null ? message : "The caller does not have permission",
                    "PERMISSION_DENIED");
            case 404 -> error(status, message != null ? message : "Requested entity was not found.", "NOT_FOUND");
            case 429 -> error(status, message != null ? message : "Resource has been exhausted (e.g. check quota).",
                    "RESOURCE_EXHAUSTED");
            case 503 -> error(status, message != null ? message : "The model is overloaded. Please try again later.",
                    "UNAVAILABLE");
            case 504 -> error(status, message != null ? message : "Deadline expired before operation could complete.",
                    "DEADLINE_EXCEEDED");
            default -> error(status, message != null ? message
                    : "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
                    "INTERNAL");
        };
    }

    private static String error(int code, String message, String status) {
        return "{\"error\":{\"code\":" + code + ",\"message\":" + json(message) + ",\"status\":" + json(status) + "}}";
    }

    @Override
    protected String errorEvent() {
        return "data: " + errorBody(500, null) + "\r\n\r\n";
    }

    /** A scripted call goes out whole in one part, with a thought signature the next request must carry back. */
    @Override
    protected void stream(Turn turn, Stream stream) throws IOException {
        ToolCallScript call = toolCallFor(turn);
        if (call != null) {
            stream.token(chunk(turn, "{\"functionCall\":{\"name\":" + json(call.name()) + ",\"args\":" + call.argumentsJson()
                    + "},\"thoughtSignature\":" + json(signature(turn)) + "}", "STOP", 0, 1));
            return;
        }
        List<String> reasoning = turn.reasoning();
        List<String> text = turn.text();
        for (int i = 0; i < reasoning.size(); i++) {
            stream.token(chunk(turn, "{\"text\":" + json(reasoning.get(i)) + ",\"thought\":true}", null, i + 1, 0));
        }
        for (int i = 0; i < text.size(); i++) {
            String finish = i == text.size() - 1 ? "STOP" : null;
            stream.token(chunk(turn, "{\"text\":" + json(text.get(i)) + "}", finish, reasoning.size(), i + 1));
        }
        stream.checkCut();
        if (text.isEmpty()) {
            stream.event(chunk(turn, "{\"text\":\"\"}", "STOP", reasoning.size(), 0));
        }
    }

    /** The thought signature a scripted call of this turn carries. */
    private static String signature(Turn turn) {
        return "sig-" + turn.id();
    }

    @Override
    protected boolean hasToolResult(String body) {
        return body.contains("\"functionResponse\"");
    }

    private String chunk(Turn turn, String part, String finishReason, int thoughts, int candidates) {
        return "data: {\"candidates\":[{\"content\":{\"parts\":[" + part + "],\"role\":\"model\"}"
                + (finishReason == null ? "" : ",\"finishReason\":" + json(finishReason)) + ",\"index\":0}]"
                + (includeUsage() ? "," + usage(turn, thoughts, candidates) : "")
                + ",\"modelVersion\":" + json(turn.model()) + ",\"responseId\":" + json(turn.id()) + "}\r\n\r\n";
    }

    private static String usage(Turn turn, int thoughts, int candidates) {
        return "\"usageMetadata\":{\"promptTokenCount\":" + turn.promptTokens() + ",\"candidatesTokenCount\":"
                + candidates + ",\"totalTokenCount\":" + (turn.promptTokens() + candidates + thoughts)
                + (thoughts > 0 ? ",\"thoughtsTokenCount\":" + thoughts : "")
                + ",\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":" + turn.promptTokens() + "}]}";
    }

    @Override
    protected String answer(Turn turn) {
        StringBuilder parts = new StringBuilder();
        if (!turn.reasoning().isEmpty()) {
            parts.append("{\"text\":").append(json(String.join("", turn.reasoning()))).append(",\"thought\":true},");
        }
        parts.append("{\"text\":").append(json(String.join("", turn.text()))).append('}');
        return "{\"candidates\":[{\"content\":{\"parts\":[" + parts + "],\"role\":\"model\"},\"finishReason\":\"STOP\","
                + "\"index\":0}]," + usage(turn, turn.reasoning().size(), turn.text().size())
                + ",\"modelVersion\":" + json(turn.model()) + ",\"responseId\":" + json(turn.id()) + "}";
    }
}
