/**
 * LibreChat's rate limits per route (Redis-backed windows through common's {@code redis}) and the bans they
 * lead to. Uses {@code edge} for the client's address and {@code web} to leave the client's files alone.
 */
@NullMarked
package io.parley.gateway.limit;

import org.jspecify.annotations.NullMarked;
