/**
 * Search over a person's conversations and messages ({@code /api/search}) on the store itself. Calls no
 * other feature: {@code convo} and {@code message} call it for {@code ?search=}, so it reads their
 * collections directly, as a search index that replaces it would.
 */
@NullMarked
package io.parley.chat.search;

import org.jspecify.annotations.NullMarked;
