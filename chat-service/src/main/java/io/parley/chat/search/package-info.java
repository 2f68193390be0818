/**
 * Search over a person's conversations and messages ({@code /api/search}) on the store itself.
 */
@NullMarked
package io.parley.chat.search;

import org.jspecify.annotations.NullMarked;
