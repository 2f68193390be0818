/**
 * Access tokens at the gateway: public paths, signature checks through common's verified-token cache
 * against auth-service's keys (503 and not ready while they cannot be fetched), the token's tenant against
 * the request's, and revocations and bans through common's {@code Standings}. Uses
 * {@code edge}, and {@code web} for the client's files, which are public.
 */
@NullMarked
package io.parley.gateway.security;

import org.jspecify.annotations.NullMarked;
