/**
 * The {@code files} collection and who may touch a record: the package-private store, {@code StoredFile},
 * {@code FileRecords} (the records other features write and read) and {@code FileAccess} (who may read or
 * delete a file, and its bytes). Routes on the records themselves: {@code GET /api/files},
 * {@code GET /api/files/agent/:agent_id}, the deletes. Also the sweep of expired chat attachments and the
 * account eraser. Calls {@code agent} and {@code storage}.
 */
@NullMarked
package io.parley.file.files;

import org.jspecify.annotations.NullMarked;
