package io.parley.auth.openid;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.parley.auth.SignInProperties;
import io.parley.auth.identityprovider.ExternalIdentity;
import io.parley.auth.identityprovider.IdTokens;
import io.parley.auth.identityprovider.JsonFields;
import io.parley.auth.identityprovider.OAuthProperties;
import io.parley.auth.identityprovider.OAuthProvider;
import io.parley.auth.identityprovider.OidcProfile;
import io.parley.auth.identityprovider.PendingSignIn;
import io.parley.auth.identityprovider.ProviderClient;
import io.parley.auth.identityprovider.ProviderTokens;
import io.parley.auth.identityprovider.SignInFailed;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The generic OpenID Connect provider ({@code OPENID_*}), found through discovery. Besides checking the
 * ID token it merges the user-info answer (as LibreChat does), enforces {@code OPENID_REQUIRED_ROLE},
 * and keeps the provider's tokens so that {@code /api/auth/graph-token} can exchange them later.
 */
@Component
public class OpenIdProvider implements OAuthProvider {

    /** The on-behalf-of grant as Microsoft Entra ID (and LibreChat) use it: RFC 7523 with requested_token_use. */
    public static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private static final Logger log = LoggerFactory.getLogger(OpenIdProvider.class);
    private static final List<String> USERINFO_FIELDS = List.of("email", "email_verified", "name", "given_name",
            "family_name", "preferred_username", "username", "picture");

    private final SignInProperties.OpenId client;
    private final OAuthProperties properties;
    private final OAuthProperties.OpenId openid;
    private final OidcDiscovery discovery;
    private final ProviderClient providers;
    private final IdTokens idTokens;
    private final Clock clock = Clock.systemUTC();

    OpenIdProvider(SignInProperties signIn, OAuthProperties properties, OidcDiscovery discovery,
                   ProviderClient providers, IdTokens idTokens) {
        this.client = signIn.openid();
        this.properties = properties;
        this.openid = properties.openid();
        this.discovery = discovery;
        this.providers = providers;
        this.idTokens = idTokens;
    }

    @Override
    public String name() {
        return "openid";
    }

    @Override
    public boolean configured() {
        return client.configured();
    }

    @Override
    public URI authorizationUri(PendingSignIn attempt, String state) {
        var parameters = OAuthProvider.codeRequest(client.clientId(), redirectUri(), openid.scope(), state, attempt);
        parameters.put("nonce", attempt.nonce());
        return ProviderClient.withQuery(discovery.metadata().authorizationEndpoint(), parameters);
    }

    @Override
    public ExternalIdentity identify(String code, PendingSignIn attempt) {
        OidcMetadata metadata = discovery.metadata();
        JsonNode answer = providers.token(URI.create(metadata.tokenEndpoint()), credentials(metadata),
                OAuthProvider.codeGrant(code, redirectUri(), attempt));
        ProviderTokens tokens = tokens(answer, null);
        JWTClaimsSet idToken = idTokens.verify(JsonFields.text(answer, "id_token"), metadata.jwksUri(),
                List.of(metadata.issuer()), client.clientId(), attempt.nonce());
        Map<String, Object> claims = new HashMap<>(idToken.getClaims());
        claims.putAll(userInfo(metadata, tokens.accessToken(), idToken.getSubject()));
        requireRole(idToken.getClaims(), tokens.accessToken());
        return OidcProfile.identity(name(), idToken.getSubject(), claims, openid.usernameClaim(), openid.nameClaim(),
                tokens);
    }

    /**
     * Exchanges the person's access token for one with {@code scope}, on their behalf.
     *
     * @return the provider's token response
     */
    public JsonNode onBehalfOf(String accessToken, String scope) {
        OidcMetadata metadata = discovery.metadata();
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grant_type", JWT_BEARER);
        grant.put("assertion", accessToken);
        grant.put("scope", scope);
        grant.put("requested_token_use", "on_behalf_of");
        return providers.token(URI.create(metadata.tokenEndpoint()), credentials(metadata), grant);
    }

    /** New tokens for an expired access token, through the refresh token (RFC 6749 §6). */
    public ProviderTokens refresh(ProviderTokens expired) {
        if (expired.refreshToken() == null) {
            throw new SignInFailed("no refresh token");
        }
        OidcMetadata metadata = discovery.metadata();
        JsonNode answer = providers.token(URI.create(metadata.tokenEndpoint()), credentials(metadata),
                Map.of("grant_type", "refresh_token", "refresh_token", expired.refreshToken()));
        return tokens(answer, expired.refreshToken());
    }

    private ProviderTokens tokens(JsonNode answer, String previousRefreshToken) {
        String accessToken = JsonFields.text(answer, "access_token");
        if (accessToken == null) {
            throw new SignInFailed("token response has no access token");
        }
        JsonNode expiresIn = answer.get("expires_in");
        long seconds = expiresIn != null && expiresIn.canConvertToLong() ? expiresIn.asLong() : 3600;
        String refreshToken = JsonFields.text(answer, "refresh_token");
        return new ProviderTokens(accessToken, refreshToken != null ? refreshToken : previousRefreshToken,
                clock.instant().plusSeconds(seconds));
    }

    /** The profile fields of the user-info answer; nothing when there is none or it fails, as in LibreChat. */
    private Map<String, Object> userInfo(OidcMetadata metadata, String accessToken, String subject) {
        if (metadata.userinfoEndpoint() == null) {
            return Map.of();
        }
        try {
            String bearer = openid.onBehalfFlowForUserinfoRequired()
                    ? JsonFields.text(onBehalfOf(accessToken, openid.onBehalfFlowUserinfoScope()), "access_token")
                    : accessToken;
            JsonNode info = providers.get(URI.create(metadata.userinfoEndpoint()), bearer, Map.of());
            // Core §5.3.4: an answer about another subject must not be used.
            if (!subject.equals(JsonFields.text(info, "sub"))) {
                log.warn("OpenID user info ignored: it names another subject");
                return Map.of();
            }
            Map<String, Object> fields = new HashMap<>();
            for (String field : USERINFO_FIELDS) {
                JsonNode value = info.get(field);
                if (value != null && (value.isString() || value.isBoolean())) {
                    fields.put(field, value.isBoolean() ? value.booleanValue() : value.stringValue());
                }
            }
            return fields;
        } catch (SignInFailed e) {
            log.warn("OpenID user info not read: {}", e.getMessage());
            return Map.of();
        }
    }

    /**
     * LibreChat's {@code OPENID_REQUIRED_ROLE}: the roles at {@code OPENID_REQUIRED_ROLE_PARAMETER_PATH} of
     * the ID token (or, with kind {@code access}, of the access token, which came straight from the
     * token endpoint) must include one of the required ones.
     */
    private void requireRole(Map<String, Object> idClaims, String accessToken) {
        List<String> required = Arrays.stream(openid.requiredRole().split(",")).map(String::trim)
                .filter(r -> !r.isEmpty()).toList();
        if (required.isEmpty()) {
            return;
        }
        Map<String, Object> claims = idClaims;
        if ("access".equalsIgnoreCase(openid.requiredRoleTokenKind())) {
            try {
                claims = JWTParser.parse(accessToken).getJWTClaimsSet().getClaims();
            } catch (ParseException e) {
                throw new SignInFailed("required role: the access token is not a JWT");
            }
        }
        Object roles = claims;
        for (String step : openid.requiredRoleParameterPath().split("\\.")) {
            roles = roles instanceof Map<?, ?> map ? map.get(step) : null;
        }
        List<?> held = roles instanceof List<?> list ? list : roles instanceof String s ? List.of(s) : List.of();
        if (held.stream().filter(Objects::nonNull).map(Object::toString).noneMatch(required::contains)) {
            throw new SignInFailed("required role missing");
        }
    }

    private ProviderClient.Client credentials(OidcMetadata metadata) {
        return new ProviderClient.Client(client.clientId(), client.clientSecret(), metadata.clientAuth());
    }

    private String redirectUri() {
        return properties.redirectUri(openid.callbackUrl());
    }

    /** When a stored access token is to be treated as expired: a minute early, for the round trip. */
    public boolean expired(ProviderTokens tokens) {
        return tokens.expiresAt() == null || tokens.expiresAt().isBefore(clock.instant().plusSeconds(60));
    }
}
