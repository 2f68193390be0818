package io.parley.chat.preset;

import io.parley.chat.support.SafeDocuments;
import io.parley.common.error.ApiException;
import jakarta.validation.constraints.Size;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a save or an update writes to a preset: LibreChat's conversation-setting fields of the body;
 * any other field is ignored, as LibreChat's schema does.
 *
 * @param title         the title, when the body has one; null clears it
 * @param titled        whether the body has a title; a new preset without one is called "New Chat"
 * @param defaultPreset true makes it the default (unmarking the one before), false unmarks it, null leaves it
 * @param settings      the other setting fields of the body, as given
 */
record PresetChanges(@Size(max = PresetChanges.MAX_TITLE, message = "must be at most {max} characters") @Nullable String title,
                     boolean titled, @Nullable Boolean defaultPreset, Map<String, @Nullable Object> settings) {

    static final int MAX_TITLE = 256;
    static final int MAX_STRING = 50_000;
    static final int MAX_ITEMS = 1_000;
    /** LibreChat's conversation preset fields ({@code packages/data-schemas/src/schema/defaults.ts}). */
    static final Set<String> FIELDS = Set.of("title", "endpoint", "endpointType", "model", "modelLabel", "chatGptLabel",
            "promptPrefix", "temperature", "top_p", "topP", "topK", "maxOutputTokens", "maxTokens", "max_tokens",
            "presence_penalty", "frequency_penalty", "resendFiles", "imageDetail", "iconURL", "greeting", "spec",
            "maxContextTokens", "reasoning_effort", "reasoning_summary", "thinking", "thinkingBudget", "stop", "tools",
            "agent_id", "assistant_id", "instructions", "region", "examples", "artifacts", "web_search",
            "useResponsesApi", "verbosity", "file_ids", "promptCache", "system", "context", "fileTokenLimit",
            "disableStreaming", "append_current_datetime");

    /**
     * The changes in a body as the client sent it. Settings are free-form, so their shape is checked here: JSON
     * values only, no MongoDB operator or dotted key, strings of at most {@value #MAX_STRING} characters, lists of
     * at most {@value #MAX_ITEMS} items. The title's length is a constraint, checked where the changes are used.
     *
     * @throws ApiException.Invalid naming the first field that breaks a rule
     */
    static PresetChanges of(Map<String, ?> body) {
        Map<String, @Nullable Object> settings = new LinkedHashMap<>();
        body.forEach((field, value) -> {
            if (FIELDS.contains(field)) {
                settings.put(field, checked(field, value));
            }
        });
        boolean titled = settings.containsKey("title");
        Object title = settings.remove("title");
        if (title != null && !(title instanceof String)) {
            throw ApiException.Invalid.field("title", "must be text");
        }
        Object defaultPreset = body.get("defaultPreset");
        if (body.containsKey("defaultPreset") && !(defaultPreset instanceof Boolean)) {
            throw ApiException.Invalid.field("defaultPreset", "must be true or false");
        }
        return new PresetChanges((String) title, titled, (Boolean) defaultPreset, settings);
    }

    private static @Nullable Object checked(String field, @Nullable Object value) {
        switch (value) {
            case null -> {
            }
            case String text -> {
                if (!field.equals("title") && text.length() > MAX_STRING) {
                    throw ApiException.Invalid.field(field, "must be at most " + MAX_STRING + " characters");
                }
            }
            case Number number -> {
            }
            case Boolean flag -> {
            }
            case Collection<?> list -> {
                if (list.size() > MAX_ITEMS) {
                    throw ApiException.Invalid.field(field, "has too many items");
                }
                SafeDocuments.check(field, list);
            }
            case Map<?, ?> map -> SafeDocuments.check(field, map);
            default -> throw ApiException.Invalid.field(field, "has the wrong type");
        }
        return value;
    }
}
