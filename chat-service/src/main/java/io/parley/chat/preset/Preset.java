package io.parley.chat.preset;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A saved preset, as stored and as LibreChat's client receives it.
 *
 * @param id            the stored document's id (hex), LibreChat's {@code _id}
 * @param presetId      the client's id, unique within the tenant
 * @param title         "New Chat" unless the client named it; null when the client cleared it
 * @param defaultPreset whether it is the caller's default, listed first
 * @param order         the list's sort key: 0 for the default, {@link PresetStore#DEFAULT_ORDER} otherwise
 * @param settings      the conversation settings the client saved (model, endpoint, model parameters …), free-form
 *                      as LibreChat passes them through; sent as top-level fields beside the others
 */
record Preset(@JsonProperty("_id") String id, String presetId, String user, @Nullable String title, boolean defaultPreset,
              int order, Instant createdAt, Instant updatedAt, @JsonAnyGetter Map<String, @Nullable Object> settings) {
}
