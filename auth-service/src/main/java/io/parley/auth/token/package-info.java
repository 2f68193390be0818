/**
 * Access tokens and the keys that sign them: issuing, the key ring and its rotation, the JWKS route and the
 * {@code Keys} gRPC service. Calls {@code user}.
 */
@NullMarked
package io.parley.auth.token;

import org.jspecify.annotations.NullMarked;
