/**
 * Forking and duplicating conversations ({@code /api/convos/fork}, {@code /duplicate}) along LibreChat's
 * message tree. Calls {@code convo} and {@code message}.
 */
@NullMarked
package io.parley.chat.fork;

import org.jspecify.annotations.NullMarked;
