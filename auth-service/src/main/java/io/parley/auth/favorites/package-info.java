/**
 * A person's favorites in LibreChat's model menu ({@code /api/user/settings/favorites}): LibreChat's
 * rules for them, kept on the user. Calls {@code user}.
 */
@NullMarked
package io.parley.auth.favorites;

import org.jspecify.annotations.NullMarked;
