package io.parley.common.security;

/**
 * Claim names of a Parley access token. {@code id, username, provider, email} are LibreChat's own
 * (its client decodes them); the rest are registered claims plus Parley's tenant, role and session.
 */
public final class AccessTokenClaims {

    public static final String ID = "id";
    public static final String USERNAME = "username";
    public static final String PROVIDER = "provider";
    public static final String EMAIL = "email";
    public static final String TENANT = "tenant";
    public static final String ROLE = "role";
    /** The login session (refresh-token family) the token belongs to. */
    public static final String SESSION = "sid";
    /**
     * The subject of an operator's token (auth-service's {@code POST /api/auth/operator/token}): no
     * user has it, since user ids are ObjectIds. Such a token is an ADMIN of its tenant on the admin
     * routes ({@code /api/admin/**}) only; every other route and every gRPC call refuses it.
     */
    public static final String OPERATOR_SUBJECT = "operator";

    private AccessTokenClaims() {
    }
}
