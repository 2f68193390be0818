package io.parley.chat.endpoint;

import java.util.List;

/** The model lists of the built-in endpoints when the operator names none ({@code OPENAI_MODELS}, …). */
final class BuiltinModels {

    static final List<String> OPENAI = List.of("gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-4o", "gpt-4o-mini",
            "gpt-5", "gpt-5-mini", "gpt-5-nano", "o3", "o4-mini", "o3-mini");
    static final List<String> ANTHROPIC = List.of("claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5",
            "claude-sonnet-4-0", "claude-opus-4-0", "claude-3-7-sonnet-latest", "claude-3-5-haiku-latest");
    static final List<String> GOOGLE = List.of("gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite",
            "gemini-2.0-flash", "gemini-2.0-flash-lite");

    private BuiltinModels() {
    }
}
