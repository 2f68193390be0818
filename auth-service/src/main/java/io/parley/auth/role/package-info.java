/**
 * Roles and their permissions (LibreChat's {@code roles}): the {@code /api/roles} routes and the
 * {@code Roles} gRPC service the other services check feature gates with. Calls {@code user}, {@code capability} and {@code audit}.
 */
@NullMarked
package io.parley.auth.role;

import org.jspecify.annotations.NullMarked;
