package io.parley.chat.preset;

import io.parley.chat.support.Ids;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import jakarta.validation.Valid;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Saved model settings. A preset keeps LibreChat's conversation-setting fields only; one preset per user
 * may be the default, listed first. Who holds a preset id is settled before its changes are checked: another
 * user's id in the tenant is 404, never a 400 about the body.
 */
@Component
@Validated
public class Presets {

    static final String NOT_FOUND = "Preset not found";

    private final PresetStore presets;

    Presets(PresetStore presets) {
        this.presets = presets;
    }

    List<Preset> all(CurrentUser caller) {
        return presets.all(caller.tenantId(), caller.id());
    }

    /**
     * The id a save writes under, LibreChat's create-or-update by {@code presetId}: the given one, or a new one.
     *
     * @param given the body's {@code presetId}, as sent
     * @throws ApiException.NotFound when another user of the tenant has it
     */
    String claim(CurrentUser caller, @Nullable Object given) {
        String presetId = given == null ? Ids.newId() : checkedId(given);
        presets.requireNotAnothers(caller.tenantId(), caller.id(), presetId);
        return presetId;
    }

    /** @param presetId from {@link #claim} */
    Preset save(CurrentUser caller, String presetId, @Valid PresetChanges changes) {
        Preset saved = presets.upsert(caller.tenantId(), caller.id(), presetId, changes);
        clearOtherDefaults(caller, saved, changes);
        return saved;
    }

    /**
     * The caller's own preset id, checked.
     *
     * @throws ApiException.NotFound when the caller has no such preset
     */
    String requireOwn(CurrentUser caller, String presetId) {
        String id = checkedId(presetId);
        if (!presets.exists(caller.tenantId(), caller.id(), id)) {
            throw notFound();
        }
        return id;
    }

    /** @param presetId from {@link #requireOwn} */
    Preset update(CurrentUser caller, String presetId, @Valid PresetChanges changes) {
        Preset updated = presets.update(caller.tenantId(), caller.id(), presetId, changes).orElseThrow(Presets::notFound);
        clearOtherDefaults(caller, updated, changes);
        return updated;
    }

    /** @param presetId null for all of the caller's presets; another user's is 404 */
    long delete(CurrentUser caller, @Nullable String presetId) {
        String id = presetId == null ? null : checkedId(presetId);
        if (id != null) {
            presets.requireNotAnothers(caller.tenantId(), caller.id(), id);
        }
        return presets.delete(caller.tenantId(), caller.id(), id);
    }

    /** Every preset of the user, for the erasure of their account; returns how many there were. */
    public long deleteAll(String tenantId, String userId) {
        return presets.deleteAll(tenantId, userId);
    }

    private void clearOtherDefaults(CurrentUser caller, Preset saved, PresetChanges changes) {
        if (Boolean.TRUE.equals(changes.defaultPreset())) {
            presets.clearDefault(caller.tenantId(), caller.id(), saved.presetId());
        }
    }

    private static String checkedId(Object presetId) {
        if (!(presetId instanceof String id) || id.isBlank() || id.length() > 64 || !id.matches("[A-Za-z0-9_-]+")) {
            throw ApiException.Invalid.field("presetId", "must be an id of letters, digits, '-' or '_'");
        }
        return id;
    }

    static ApiException notFound() {
        return new ApiException.NotFound(NOT_FOUND);
    }
}
