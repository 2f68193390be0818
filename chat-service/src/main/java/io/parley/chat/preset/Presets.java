package io.parley.chat.preset;

import io.parley.chat.support.ApiDocs;
import io.parley.chat.support.Ids;
import io.parley.chat.support.SafeDocuments;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Saved model settings. A preset keeps LibreChat's conversation-setting fields only (others are
 * ignored, as LibreChat's schema does); one preset per user may be the default, listed first.
 */
@Component
class Presets {

    static final int DEFAULT_ORDER = 10_000;
    static final int MAX_STRING = 50_000;
    static final int MAX_TITLE = 256;
    static final String NOT_FOUND = "Preset not found";
    /** LibreChat's conversation preset fields ({@code packages/data-schemas/src/schema/defaults.ts}). */
    static final Set<String> FIELDS = Set.of("title", "endpoint", "endpointType", "model", "modelLabel", "chatGptLabel",
            "promptPrefix", "temperature", "top_p", "topP", "topK", "maxOutputTokens", "maxTokens", "max_tokens",
            "presence_penalty", "frequency_penalty", "resendFiles", "imageDetail", "iconURL", "greeting", "spec",
            "maxContextTokens", "reasoning_effort", "reasoning_summary", "thinking", "thinkingBudget", "stop", "tools",
            "agent_id", "assistant_id", "instructions", "region", "examples", "artifacts", "web_search",
            "useResponsesApi", "verbosity", "file_ids", "promptCache", "system", "context", "fileTokenLimit",
            "disableStreaming", "append_current_datetime");

    private final PresetStore presets;

    Presets(PresetStore presets) {
        this.presets = presets;
    }

    List<Map<String, Object>> all(CurrentUser caller) {
        return presets.all(caller.tenantId(), caller.id()).stream().map(Presets::view).toList();
    }

    /**
     * LibreChat's create-or-update by {@code presetId} (a new id when none is given). Another user's id
     * in the tenant is 404 before the rest of the body is looked at.
     */
    Map<String, Object> save(CurrentUser caller, Map<String, Object> body) {
        Object given = body.get("presetId");
        String presetId = given == null ? Ids.newId() : checkedId(given);
        presets.requireNotAnothers(caller.tenantId(), caller.id(), presetId);
        return view(write(caller, presetId, body, true));
    }

    Map<String, Object> update(CurrentUser caller, String presetId, Map<String, Object> body) {
        String id = checkedId(presetId);
        if (presets.find(caller.tenantId(), caller.id(), id).isEmpty()) {
            throw notFound();
        }
        return view(write(caller, id, body, false));
    }

    /** @param presetId null for all of the caller's presets; another user's is 404 */
    long delete(CurrentUser caller, String presetId) {
        String id = presetId == null ? null : checkedId(presetId);
        if (id != null) {
            presets.requireNotAnothers(caller.tenantId(), caller.id(), id);
        }
        return presets.delete(caller.tenantId(), caller.id(), id);
    }

    private Document write(CurrentUser caller, String presetId, Map<String, Object> body, boolean upsert) {
        Update update = new Update();
        Date now = new Date();
        body.forEach((field, value) -> {
            if (FIELDS.contains(field)) {
                update.set(field, checkedValue(field, value));
            }
        });
        boolean makeDefault = Boolean.TRUE.equals(body.get("defaultPreset"));
        if (body.containsKey("defaultPreset") && !(body.get("defaultPreset") instanceof Boolean)) {
            throw ApiException.Invalid.field("defaultPreset", "must be true or false");
        }
        if (makeDefault) {
            update.set("defaultPreset", true).set("order", 0);
        } else if (body.containsKey("defaultPreset")) {
            update.set("defaultPreset", false).set("order", DEFAULT_ORDER);
        }
        update.set("updatedAt", now).setOnInsert("tenantId", caller.tenantId()).setOnInsert("user", caller.id())
                .setOnInsert("createdAt", now);
        if (!body.containsKey("title")) {
            update.setOnInsert("title", "New Chat");
        }
        if (!body.containsKey("defaultPreset")) {
            update.setOnInsert("order", DEFAULT_ORDER);
        }
        Document saved = upsert ? presets.upsert(caller.tenantId(), caller.id(), presetId, update.setOnInsert("presetId", presetId))
                : presets.update(caller.tenantId(), caller.id(), presetId, update).orElseThrow(Presets::notFound);
        if (makeDefault) {
            presets.clearDefault(caller.tenantId(), caller.id(), presetId);
        }
        return saved;
    }

    private static Object checkedValue(String field, Object value) {
        switch (value) {
            case null -> {
                return null;
            }
            case String s -> {
                int max = field.equals("title") ? MAX_TITLE : MAX_STRING;
                if (s.length() > max) {
                    throw ApiException.Invalid.field(field, "must be at most " + max + " characters");
                }
            }
            case Number n -> { }
            case Boolean b -> { }
            case Collection<?> list -> {
                if (list.size() > 1000) {
                    throw ApiException.Invalid.field(field, "has too many items");
                }
                SafeDocuments.check(field, list);
            }
            case Map<?, ?> map -> SafeDocuments.check(field, map);
            default -> throw ApiException.Invalid.field(field, "has the wrong type");
        }
        if (field.equals("title") && !(value instanceof String)) {
            throw ApiException.Invalid.field("title", "must be text");
        }
        return value;
    }

    private static String checkedId(Object presetId) {
        if (!(presetId instanceof String id) || id.isBlank() || id.length() > 64 || !id.matches("[A-Za-z0-9_-]+")) {
            throw ApiException.Invalid.field("presetId", "must be an id of letters, digits, '-' or '_'");
        }
        return id;
    }

    private static Map<String, Object> view(Document preset) {
        Map<String, Object> out = new LinkedHashMap<>(ApiDocs.of(preset));
        out.putIfAbsent("defaultPreset", false);
        return out;
    }

    static ApiException notFound() {
        return new ApiException.NotFound(NOT_FOUND);
    }
}
