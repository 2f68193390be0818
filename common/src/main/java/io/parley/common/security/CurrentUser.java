package io.parley.common.security;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The person a request acts for, as the verified access token says. Controllers take it as a
 * parameter; gRPC services get it from {@code GrpcCaller}. Every store method is scoped by
 * {@link #tenantId()} and, for owned resources, {@link #id()}.
 *
 * @param id        user id (hex ObjectId string)
 * @param tenantId  tenant the user belongs to; never empty
 * @param role      "ADMIN", "USER" or a custom role
 * @param sessionId the login session the token was issued for; null for tokens without one
 */
public record CurrentUser(String id, String tenantId, String role, String email, String username, String provider,
                          String sessionId) {

    public boolean isAdmin() {
        return "ADMIN".equals(role);
    }

    /**
     * Whether this is an installation operator's token rather than a person's: it has no user record,
     * so nothing may be looked up or stored under its {@link #id()}.
     */
    public boolean isOperator() {
        return AccessTokenClaims.OPERATOR_SUBJECT.equals(id);
    }

    /** Reads the claims Parley's auth-service writes (see {@link AccessTokenClaims}). */
    public static CurrentUser from(Jwt jwt) {
        return new CurrentUser(jwt.getSubject(), jwt.getClaimAsString(AccessTokenClaims.TENANT),
                jwt.getClaimAsString(AccessTokenClaims.ROLE), jwt.getClaimAsString(AccessTokenClaims.EMAIL),
                jwt.getClaimAsString(AccessTokenClaims.USERNAME), jwt.getClaimAsString(AccessTokenClaims.PROVIDER),
                jwt.getClaimAsString(AccessTokenClaims.SESSION));
    }
}
