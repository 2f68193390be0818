/**
 * A person's memory preference ({@code PATCH /api/memories/preferences}), kept on the user as LibreChat's
 * {@code personalization.memories}; the memories themselves are chat-service's. Calls {@code user} and {@code role}.
 */
@NullMarked
package io.parley.auth.personalization;

import org.jspecify.annotations.NullMarked;
