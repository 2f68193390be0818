/**
 * Social and OpenID sign-in (authorization code with PKCE), the provider tokens kept for a session and the
 * provider pictures copied to file-service. Calls {@code login}, {@code register}, {@code token},
 * {@code user} and {@code ban}.
 */
@NullMarked
package io.parley.auth.oauth;

import org.jspecify.annotations.NullMarked;
