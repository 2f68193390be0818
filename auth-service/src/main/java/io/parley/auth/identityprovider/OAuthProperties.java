package io.parley.auth.identityprovider;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Social and OpenID Connect sign-in, bound in application.yml from LibreChat's environment names.
 * Client ids and secrets are {@link io.parley.auth.SignInProperties}'; the provider endpoints that
 * LibreChat hard-codes are settings here (defaults: the real providers') so that an installation or
 * a test can point them elsewhere.
 *
 * @param domainClient            {@code DOMAIN_CLIENT}: where the browser goes after signing in (or failing to)
 * @param domainServer            {@code DOMAIN_SERVER}: the public origin callback paths are appended to
 * @param allowSocialRegistration {@code ALLOW_SOCIAL_REGISTRATION}: unknown people get an account
 * @param stateLifetime           how long a started sign-in may take before its callback is refused
 * @param providerTimeout         deadline of each call to a provider (token, user, key set, discovery)
 */
@ConfigurationProperties("parley.auth.oauth")
public record OAuthProperties(@DefaultValue("http://localhost:3080") String domainClient,
                              @DefaultValue("http://localhost:3080") String domainServer,
                              @DefaultValue("false") boolean allowSocialRegistration,
                              @DefaultValue("10m") Duration stateLifetime,
                              @DefaultValue("10s") Duration providerTimeout,
                              @DefaultValue Google google,
                              @DefaultValue GitHub github,
                              @DefaultValue Discord discord,
                              @DefaultValue Facebook facebook,
                              @DefaultValue OpenId openid) {

    /** LibreChat's {@code ${DOMAIN_SERVER}${X_CALLBACK_URL}}; an absolute callback URL is taken as it is. */
    public String redirectUri(String callbackUrl) {
        if (callbackUrl.startsWith("http://") || callbackUrl.startsWith("https://")) {
            return callbackUrl;
        }
        return stripSlash(domainServer) + callbackUrl;
    }

    /** Where a failed sign-in sends the browser: LibreChat's {@code ${DOMAIN_CLIENT}/oauth/error}. */
    public String failureRedirect() {
        return stripSlash(domainClient) + "/oauth/error";
    }

    public static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Google, an OpenID Connect provider with a fixed issuer ({@code GOOGLE_CALLBACK_URL}).
     *
     * @param issuer also accepted without its scheme, as Google writes it in some ID tokens
     */
    public record Google(@DefaultValue("/oauth/google/callback") String callbackUrl,
                         @DefaultValue("https://accounts.google.com") String issuer,
                         @DefaultValue("https://accounts.google.com/o/oauth2/v2/auth") String authorizationUri,
                         @DefaultValue("https://oauth2.googleapis.com/token") String tokenUri,
                         @DefaultValue("https://www.googleapis.com/oauth2/v3/certs") String jwksUri) {
    }

    /**
     * GitHub ({@code GITHUB_CALLBACK_URL}); with {@code GITHUB_ENTERPRISE_BASE_URL} a GitHub Enterprise
     * server, whose API is at {@code /api/v3} and which may want {@code GITHUB_ENTERPRISE_USER_AGENT}.
     */
    public record GitHub(@DefaultValue("/oauth/github/callback") String callbackUrl,
                         @DefaultValue("") String enterpriseBaseUrl,
                         @DefaultValue("") String enterpriseUserAgent) {

        public String authorizationUri() {
            return web() + "/login/oauth/authorize";
        }

        public String tokenUri() {
            return web() + "/login/oauth/access_token";
        }

        public String apiUri() {
            return enterpriseBaseUrl.isBlank() ? "https://api.github.com" : web() + "/api/v3";
        }

        public String userAgent() {
            return enterpriseUserAgent.isBlank() ? "Parley" : enterpriseUserAgent;
        }

        private String web() {
            return enterpriseBaseUrl.isBlank() ? "https://github.com" : stripSlash(enterpriseBaseUrl);
        }
    }

    /** Discord ({@code DISCORD_CALLBACK_URL}). */
    public record Discord(@DefaultValue("/oauth/discord/callback") String callbackUrl,
                          @DefaultValue("https://discord.com/api/oauth2/authorize") String authorizationUri,
                          @DefaultValue("https://discord.com/api/oauth2/token") String tokenUri,
                          @DefaultValue("https://discord.com/api") String apiUri) {
    }

    /** Facebook ({@code FACEBOOK_CALLBACK_URL}). */
    public record Facebook(@DefaultValue("/oauth/facebook/callback") String callbackUrl,
                           @DefaultValue("https://www.facebook.com/v18.0/dialog/oauth") String authorizationUri,
                           @DefaultValue("https://graph.facebook.com/v18.0/oauth/access_token") String tokenUri,
                           @DefaultValue("https://graph.facebook.com/v18.0") String graphUri) {
    }

    /**
     * The generic OpenID Connect provider found through {@code ${OPENID_ISSUER}/.well-known/openid-configuration}.
     *
     * @param callbackUrl                     {@code OPENID_CALLBACK_URL}
     * @param scope                           {@code OPENID_SCOPE}
     * @param requiredRole                    {@code OPENID_REQUIRED_ROLE}: comma-separated; one of them is needed to sign in
     * @param requiredRoleTokenKind           {@code OPENID_REQUIRED_ROLE_TOKEN_KIND}: {@code id} (default) or {@code access}
     * @param requiredRoleParameterPath       {@code OPENID_REQUIRED_ROLE_PARAMETER_PATH}: dotted path to the roles claim
     * @param onBehalfFlowForUserinfoRequired {@code OPENID_ON_BEHALF_FLOW_FOR_USERINFO_REQUIRED}: the user-info
     *                                        endpoint wants a token exchanged on behalf of the user (Entra ID)
     * @param onBehalfFlowUserinfoScope       {@code OPENID_ON_BEHALF_FLOW_USERINFO_SCOPE}
     * @param usernameClaim                   {@code OPENID_USERNAME_CLAIM}; unset: preferred_username, username, email
     * @param nameClaim                       {@code OPENID_NAME_CLAIM}; unset: name, else given and family name
     */
    public record OpenId(@DefaultValue("/oauth/openid/callback") String callbackUrl,
                         @DefaultValue("openid profile email") String scope,
                         @DefaultValue("") String requiredRole,
                         @DefaultValue("") String requiredRoleTokenKind,
                         @DefaultValue("") String requiredRoleParameterPath,
                         @DefaultValue("false") boolean onBehalfFlowForUserinfoRequired,
                         @DefaultValue("user.read") String onBehalfFlowUserinfoScope,
                         @DefaultValue("") String usernameClaim,
                         @DefaultValue("") String nameClaim) {
    }
}
