/**
 * The generic OpenID Connect provider ({@code OPENID_*}): discovery, ID token and user info, the required
 * role, and the token grants (refresh, on-behalf-of) {@code graphtoken} needs later. Calls
 * {@code identityprovider} only.
 */
@NullMarked
package io.parley.auth.openid;

import org.jspecify.annotations.NullMarked;
