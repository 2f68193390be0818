package io.parley.chat.memory;

import org.jspecify.annotations.Nullable;

/**
 * A memory as a client sends it ({@code POST /api/memories}, {@code PATCH /api/memories/:key}). Either field
 * may be missing or of any JSON type: LibreChat's checks tell "not a string" from "empty", and
 * {@link MemoryRules} repeats them.
 *
 * @param key   the key; for an update the new key, when it is renamed
 * @param value the text to remember
 */
record MemoryRequest(@Nullable Object key, @Nullable Object value) {

    static final MemoryRequest EMPTY = new MemoryRequest(null, null);
}
