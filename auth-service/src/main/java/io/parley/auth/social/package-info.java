/**
 * The social providers LibreChat offers (Google, GitHub, Discord, Facebook), each saying who signed in
 * from its own token and user APIs. Calls {@code identityprovider} only.
 */
@NullMarked
package io.parley.auth.social;

import org.jspecify.annotations.NullMarked;
