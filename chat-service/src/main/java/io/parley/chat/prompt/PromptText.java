package io.parley.chat.prompt;

import io.parley.common.error.ApiException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A version's text as a client sends it: LibreChat's {@code {prompt, type}}. Null components, from values that
 * were missing or not text, never pass the constraints; {@link Prompts} takes it only validated.
 *
 * @param type {@code text} (when not sent) or {@code chat}
 */
record PromptText(@NotBlank(message = PromptText.SIZE) @Size(max = PromptText.MAX_PROMPT, message = PromptText.SIZE) String prompt,
                  @NotNull(message = PromptText.TYPES) @Pattern(regexp = "text|chat", message = PromptText.TYPES) String type) {

    static final int MAX_PROMPT = 100_000;
    static final String SIZE = "must be 1 to " + MAX_PROMPT + " characters";
    static final String TYPES = "must be text or chat";

    /**
     * @param prompt the body's {@code prompt}, as sent
     * @throws ApiException.Invalid when it is missing or not a JSON object
     */
    static PromptText of(@Nullable Object prompt) {
        if (prompt == null) {
            throw ApiException.Invalid.field("prompt", "is required");
        }
        if (!(prompt instanceof Map<?, ?> fields)) {
            throw ApiException.Invalid.field("prompt", "has the wrong type");
        }
        // Anything but text breaks the constraints' rules as a wrong text does, and is told so in their words.
        Object type = fields.containsKey("type") ? fields.get("type") : "text";
        return new PromptText(textOrNull(fields.get("prompt")), textOrNull(type));
    }

    private static @Nullable String textOrNull(@Nullable Object value) {
        return value instanceof String text ? text : null;
    }
}
