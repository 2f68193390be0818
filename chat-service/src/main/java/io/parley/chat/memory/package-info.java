/**
 * LibreChat's memories ({@code /api/memories}): short notes a person keeps about themselves, one per key,
 * with their token counts and librechat.yaml's {@code memory} limits. The opt-out switch lives on the user in
 * auth-service.
 */
@NullMarked
package io.parley.chat.memory;

import org.jspecify.annotations.NullMarked;
