/**
 * Bookmarks ({@code /api/tags}): a person's tags with their counts, and the tags of conversations through
 * {@code Convos}.
 */
@NullMarked
package io.parley.chat.tag;

import org.jspecify.annotations.NullMarked;
