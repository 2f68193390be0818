/**
 * Small rules several chat features share: ids, pages and their keyset cursors, numbers in queries,
 * tenant-unique ids, token counting, documents as LibreChat shows them. Calls nothing of chat-service.
 */
@NullMarked
package io.parley.chat.support;

import org.jspecify.annotations.NullMarked;
