package io.parley.chat.provider.fake;

import java.io.IOException;

/**
 * A fake OpenAI Chat Completions API under {@code /v1}: {@code POST /v1/chat/completions} (streamed as
 * {@code chat.completion.chunk} events ending in {@code data: [DONE]}, or one {@code chat.completion})
 * and {@code GET /v1/models}. Reasoning goes out as {@code delta.reasoning_content}, the way DeepSeek and
 * vLLM send it. Usage arrives in a last chunk with empty {@code choices} when the request sets
 * {@code stream_options.include_usage}.
 *
 * <p>{@code java -cp chat-service/target/test-classes io.parley.chat.provider.fake.FakeOpenAi --port N
 * --delay-ms N --tokens N} serves until killed and prints {@code listening on <port>}.
 */
public final class FakeOpenAi extends FakeServer<FakeOpenAi> {

    private static final long CREATED = 1_700_000_000L;

    public FakeOpenAi() {
        super("/v1");
    }

    public static void main(String[] args) throws InterruptedException {
        serve(new FakeOpenAi(), args);
    }

    @Override
    protected boolean handleModels(String method, String path, Exchange exchange) throws IOException {
        if (!method.equals("GET") || !path.equals("/v1/models")) {
            return false;
        }
        exchange.json(200, """
                {"object":"list","data":[\
                {"id":"fake-model","object":"model","created":1686935002,"owned_by":"parley"},\
                {"id":"fake-model-2","object":"model","created":1686935002,"owned_by":"parley"}]}""");
        return true;
    }

    @Override
    protected boolean isGeneration(String method, String path) {
        return method.equals("POST") && path.equals("/v1/chat/completions");
    }

    @Override
    protected boolean isStreamed(String path, String body) {
        return hasTrue(body, "stream");
    }

    @Override
    protected boolean wantsReasoning(String body) {
        return true;
    }

    @Override
    protected String model(String path, String body) {
        return bodyModel(body);
    }

    @Override
    protected Rejection checkKey(Exchange exchange, String expectedKey) {
        if (expectedKey == null) {
            return null;
        }
        String authorization = exchange.header("Authorization");
        if (authorization == null) {
            return new Rejection(401, error("You didn't provide an API key. You need to provide your API key in an "
                    + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                    "invalid_request_error", null));
        }
        String key = authorization.startsWith("Bearer ") ? authorization.substring(7) : authorization;
        if (key.equals(expectedKey)) {
            return null;
        }
        return new Rejection(401, error("Incorrect API key provided: " + masked(key)
                + ". You can find your API key at https://platform.openai.com/account/api-keys.",
                "invalid_request_error", "invalid_api_key"));
    }

    /** OpenAI shows a wrong key's first three and last four characters. */
    private static String masked(String key) {
        return key.length() <= 8 ? "*".repeat(key.length())
                : key.substring(0, 3) + "*".repeat(key.length() - 7) + key.substring(key.length() - 4);
    }

    @Override
    protected String errorBody(int status, String message) {
        return switch (status) {
            case 429 -> error(message != null ? message : "Rate limit reached for requests", "requests",
                    "rate_limit_exceeded");
            case 401 -> error(message != null ? message : "Incorrect API key provided.", "invalid_request_error",
                    "invalid_api_key");
            case 404 -> error(message != null ? message : "The model does not exist or you do not have access to it.",
                    "invalid_request_error", "model_not_found");
            default -> status >= 500
                    ? error(message != null ? message
                            : "The server had an error while processing your request. Sorry about that!",
                            "server_error", null)
                    : error(message != null ? message : "Invalid request.", "invalid_request_error", null);
        };
    }

    private static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":" + json(message) + ",\"type\":" + json(type) + ",\"param\":null,\"code\":"
                + (code == null ? "null" : json(code)) + "}}";
    }

    @Override
    protected String errorEvent() {
        return "data: " + errorBody(500, null) + "\n\n";
    }

    @Override
    protected boolean hasToolResult(String body) {
        return body.matches("(?s).*\"role\"\\s*:\\s*\"tool\".*");
    }

    @Override
    protected void stream(Turn turn, Stream stream) throws IOException {
        boolean usage = includeUsage() && hasTrue(turn.body(), "include_usage");
        String head = "{\"id\":\"chatcmpl-" + turn.id() + "\",\"object\":\"chat.completion.chunk\",\"created\":"
                + CREATED + ",\"model\":" + json(turn.model()) + ",\"system_fingerprint\":\"fp_fake\",\"choices\":[";
        String tail = usage ? ",\"usage\":null}\n\n" : "}\n\n";
        ToolCallScript call = toolCallFor(turn);
        if (call != null) {
            streamToolCall(turn, call, stream, head, tail, usage);
            return;
        }
        stream.event("data: " + head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\","
                + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]" + tail);
        for (String token : turn.reasoning()) {
            stream.token("data: " + head + "{\"index\":0,\"delta\":{\"reasoning_content\":" + json(token)
                    + "},\"logprobs\":null,\"finish_reason\":null}]" + tail);
        }
        for (String token : turn.text()) {
            stream.token("data: " + head + "{\"index\":0,\"delta\":{\"content\":" + json(token)
                    + "},\"logprobs\":null,\"finish_reason\":null}]" + tail);
        }
        stream.checkCut();
        stream.event("data: " + head + "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]" + tail);
        if (usage) {
            stream.event("data: " + head + "]," + usage(turn) + "}\n\n");
        }
        stream.event("data: [DONE]\n\n");
    }

    /** OpenAI's streamed tool call: id, type and name in the first piece, then the arguments in pieces. */
    private void streamToolCall(Turn turn, ToolCallScript call, Stream stream, String head, String tail, boolean usage)
            throws IOException {
        String id = "call_" + turn.id();
        stream.event("data: " + head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,"
                + "\"tool_calls\":[{\"index\":0,\"id\":" + json(id) + ",\"type\":\"function\",\"function\":{\"name\":"
                + json(call.name()) + ",\"arguments\":\"\"}}],\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]"
                + tail);
        for (String piece : pieces(call.argumentsJson())) {
            stream.token("data: " + head + "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":"
                    + "{\"arguments\":" + json(piece) + "}}]},\"logprobs\":null,\"finish_reason\":null}]" + tail);
        }
        stream.event("data: " + head + "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]"
                + tail);
        if (usage) {
            stream.event("data: " + head + "]," + usage(turn) + "}\n\n");
        }
        stream.event("data: [DONE]\n\n");
    }

    @Override
    protected String answer(Turn turn) {
        String reasoning = turn.reasoning().isEmpty() ? ""
                : ",\"reasoning_content\":" + json(String.join("", turn.reasoning()));
        return "{\"id\":\"chatcmpl-" + turn.id() + "\",\"object\":\"chat.completion\",\"created\":" + CREATED
                + ",\"model\":" + json(turn.model()) + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":" + json(String.join("", turn.text())) + reasoning
                + ",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + usage(turn) + ",\"system_fingerprint\":\"fp_fake\"}";
    }

    private static String usage(Turn turn) {
        int completion = turn.completionTokens();
        return "\"usage\":{\"prompt_tokens\":" + turn.promptTokens() + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":" + (turn.promptTokens() + completion)
                + ",\"completion_tokens_details\":{\"reasoning_tokens\":" + turn.reasoning().size() + "}}";
    }
}
