/**
 * A file's bytes as answers: {@code GET /api/files/download/*}, {@code download-url}, the seed's
 * {@code GET /api/files/:file_id} (ranges, presigned URLs, LibreChat's metadata header) and the public
 * {@code /images/*}. Calls {@code files}.
 */
@NullMarked
package io.parley.file.download;

import org.jspecify.annotations.NullMarked;
