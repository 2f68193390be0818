package io.parley.auth.identityprovider;

/**
 * Who a provider says signed in.
 *
 * @param provider      {@code google}, {@code github}, {@code discord}, {@code facebook} or {@code openid}
 * @param subject       the provider's stable id of the person (never the e-mail, which can change hands)
 * @param email         lower-case; null when the provider gave none
 * @param emailVerified whether the provider vouches that the person owns {@code email}
 * @param tokens        the provider's tokens, kept only for OpenID (graph token); null otherwise
 */
public record ExternalIdentity(String provider, String subject, String email, boolean emailVerified, String name,
                        String username, String avatar, ProviderTokens tokens) {
}
