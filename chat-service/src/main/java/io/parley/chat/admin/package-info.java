/**
 * What a tenant's ADMIN reads of chat-service for LibreChat's admin scripts ({@code user-stats}). Calls
 * {@code convo} and {@code message}.
 */
@NullMarked
package io.parley.chat.admin;

import org.jspecify.annotations.NullMarked;
