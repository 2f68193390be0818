/**
 * What a sign-in provider is ({@link io.parley.auth.identityprovider.OAuthProvider}) and what all of them
 * share: their settings, the HTTP client that calls them, ID-token checks, OpenID claims read into an
 * {@link io.parley.auth.identityprovider.ExternalIdentity}. Calls no other feature.
 */
@NullMarked
package io.parley.auth.identityprovider;

import org.jspecify.annotations.NullMarked;
