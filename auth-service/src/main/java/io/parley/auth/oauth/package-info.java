/**
 * LibreChat's {@code /oauth/<provider>}, its callback and {@code /oauth/error}: the authorization-code flow
 * (state, PKCE, nonce, the browser binding cookie) that ends in a login session. Calls
 * {@code identityprovider} (whichever provider is named), {@code externalaccount}, {@code graphtoken},
 * {@code login} and {@code ban}.
 */
@NullMarked
package io.parley.auth.oauth;

import org.jspecify.annotations.NullMarked;
