/**
 * People: the users collection (other features go through {@code Users}), profiles and LibreChat's rules
 * for names, the first account of a tenant, and the {@code UserDirectory} gRPC service. Calls nothing of
 * auth-service.
 */
@NullMarked
package io.parley.auth.user;

import org.jspecify.annotations.NullMarked;
