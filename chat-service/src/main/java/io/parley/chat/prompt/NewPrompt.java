package io.parley.chat.prompt;

import io.parley.common.error.ApiException;
import jakarta.validation.Valid;
import java.util.Map;

/** The body of {@code POST /api/prompts}: a new group with its first version. */
record NewPrompt(@Valid PromptText prompt, @Valid GroupFields group) {

    /** @throws ApiException.Invalid with LibreChat's message when the version or the group's name is missing */
    static NewPrompt of(Map<String, ?> body) {
        if (!(body.get("prompt") instanceof Map<?, ?> prompt) || !(body.get("group") instanceof Map<?, ?> group)
                || !(group.get("name") instanceof String)) {
            throw new ApiException.Invalid("Prompt and group name are required");
        }
        return new NewPrompt(PromptText.of(prompt), GroupFields.of(group, false));
    }
}
