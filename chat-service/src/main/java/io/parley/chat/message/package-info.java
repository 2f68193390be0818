/**
 * Messages: the {@code /api/messages} routes (save, edit, feedback, artifacts, search) and {@code Messages},
 * the domain API turns, forks and imports store messages through, as {@code Message} records; {@code MessageDocuments}
 * is the one mapping to and from the stored documents. Calls {@code convo}, {@code search} and {@code support}.
 */
@NullMarked
package io.parley.chat.message;

import org.jspecify.annotations.NullMarked;
