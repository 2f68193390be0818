/**
 * Uploads: {@code POST /api/files}, {@code /api/files/images} and the seed's upload routes, from the form and
 * its checks (limits, detected type, scan, file name) to stored bytes and a record; {@code Uploads} is also
 * how other services' attachments arrive; LibreChat's files with their bytes come in here too
 * ({@code LibreChatFileImport}). Calls {@code files}, {@code agent}, {@code image}, {@code limits},
 * {@code scan}, {@code storage} and {@code text}.
 */
@NullMarked
package io.parley.file.upload;

import org.jspecify.annotations.NullMarked;
