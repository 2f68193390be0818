package io.parley.chat.provider.fake;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * A fake Anthropic Messages API under {@code /v1}: {@code POST /v1/messages} (streamed as named events
 * {@code message_start}, {@code content_block_start/delta/stop}, {@code ping}, {@code message_delta},
 * {@code message_stop}, or one {@code message}) and {@code GET /v1/models}. Requires the
 * {@code anthropic-version} header like the real API. Reasoning goes out as a thinking block (with a
 * signature) only when the request enables {@code thinking}; the in-stream error is
 * {@code overloaded_error}.
 */
public final class FakeAnthropic extends FakeServer<FakeAnthropic> {

    private static final Pattern THINKING_ENABLED =
            Pattern.compile("\"thinking\"\\s*:\\s*\\{[^}]*\"type\"\\s*:\\s*\"enabled\"");

    public FakeAnthropic() {
        super("/v1");
    }

    public static void main(String[] args) throws InterruptedException {
        serve(new FakeAnthropic(), args);
    }

    @Override
    protected boolean handleModels(String method, String path, Exchange exchange) throws IOException {
        if (!method.equals("GET") || !path.equals("/v1/models")) {
            return false;
        }
        exchange.json(200, """
                {"data":[\
                {"type":"model","id":"fake-model","display_name":"Fake Model","created_at":"2025-05-14T00:00:00Z"},\
                {"type":"model","id":"fake-model-2","display_name":"Fake Model 2","created_at":"2025-02-19T00:00:00Z"}],\
                "has_more":false,"first_id":"fake-model","last_id":"fake-model-2"}""");
        return true;
    }

    @Override
    protected boolean isGeneration(String method, String path) {
        return method.equals("POST") && path.equals("/v1/messages");
    }

    @Override
    protected boolean isStreamed(String path, String body) {
        return hasTrue(body, "stream");
    }

    @Override
    protected boolean wantsReasoning(String body) {
        return THINKING_ENABLED.matcher(body).find();
    }

    @Override
    protected String model(String path, String body) {
        return bodyModel(body);
    }

    @Override
    protected Rejection checkKey(Exchange exchange, String expectedKey) {
        if (expectedKey != null && !expectedKey.equals(exchange.header("x-api-key"))) {
            return new Rejection(401, error("authentication_error", "invalid x-api-key"));
        }
        if (exchange.header("anthropic-version") == null) {
            return new Rejection(400, error("invalid_request_error", "anthropic-version: header is required"));
        }
        return null;
    }

    @Override
    protected String errorBody(int status, String message) {
        String type = switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
        String fallback = switch (type) {
            case "rate_limit_error" -> "Number of request tokens has exceeded your per-minute rate limit";
            case "overloaded_error" -> "Overloaded";
            case "authentication_error" -> "invalid x-api-key";
            case "api_error" -> "Internal server error";
            default -> "Invalid request";
        };
        return error(type, message != null ? message : fallback);
    }

    private static String error(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":" + json(type) + ",\"message\":" + json(message)
                + "},\"request_id\":\"req_fake\"}";
    }

    @Override
    protected String errorEvent() {
        return event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    @Override
    protected void stream(Turn turn, Stream stream) throws IOException {
        stream.event(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_" + turn.id()
                + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":" + json(turn.model())
                + ",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":"
                + turn.promptTokens() + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
                + "\"output_tokens\":1}}}"));
        int index = 0;
        ToolCallScript call = toolCallFor(turn);
        if (call != null) {
            stream.event(blockStart(index, "{\"type\":\"tool_use\",\"id\":\"toolu_" + turn.id() + "\",\"name\":"
                    + json(call.name()) + ",\"input\":{}}"));
            for (String piece : pieces(call.argumentsJson())) {
                stream.token(delta(index, "{\"type\":\"input_json_delta\",\"partial_json\":" + json(piece) + "}"));
            }
            stream.event(blockStop(index));
            stream.event(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + turn.completionTokens() + "}}"));
            stream.event(event("message_stop", "{\"type\":\"message_stop\"}"));
            return;
        }
        if (!turn.reasoning().isEmpty()) {
            stream.event(blockStart(index, "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}"));
            for (String token : turn.reasoning()) {
                stream.token(delta(index, "{\"type\":\"thinking_delta\",\"thinking\":" + json(token) + "}"));
            }
            stream.event(delta(index, "{\"type\":\"signature_delta\",\"signature\":\"ZmFrZS1zaWduYXR1cmU=\"}"));
            stream.event(blockStop(index));
            index++;
        }
        stream.event(blockStart(index, "{\"type\":\"text\",\"text\":\"\"}"));
        stream.event(event("ping", "{\"type\": \"ping\"}"));
        for (String token : turn.text()) {
            stream.token(delta(index, "{\"type\":\"text_delta\",\"text\":" + json(token) + "}"));
        }
        stream.checkCut();
        stream.event(blockStop(index));
        String usage = includeUsage() ? ",\"usage\":{\"output_tokens\":" + turn.completionTokens() + "}" : "";
        stream.event(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null}" + usage + "}"));
        stream.event(event("message_stop", "{\"type\":\"message_stop\"}"));
    }

    @Override
    protected boolean hasToolResult(String body) {
        return body.contains("\"tool_result\"");
    }

    private static String blockStart(int index, String block) {
        return event("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":" + block + "}");
    }

    private static String delta(int index, String delta) {
        return event("content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":" + delta + "}");
    }

    private static String blockStop(int index) {
        return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
    }

    @Override
    protected String answer(Turn turn) {
        String thinking = turn.reasoning().isEmpty() ? ""
                : "{\"type\":\"thinking\",\"thinking\":" + json(String.join("", turn.reasoning()))
                + ",\"signature\":\"ZmFrZS1zaWduYXR1cmU=\"},";
        return "{\"id\":\"msg_" + turn.id() + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
                + json(turn.model()) + ",\"content\":[" + thinking + "{\"type\":\"text\",\"text\":"
                + json(String.join("", turn.text())) + "}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":" + turn.promptTokens() + ",\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":0,\"output_tokens\":" + turn.completionTokens() + "}}";
    }
}
