/**
 * LibreChat's {@code /api/auth/graph-token} and the OpenID provider tokens it needs, sealed and kept per
 * login session. Calls {@code openid} and {@code identityprovider}.
 */
@NullMarked
package io.parley.auth.graphtoken;

import org.jspecify.annotations.NullMarked;
