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

    private AccessTokenClaims() {
    }
}
