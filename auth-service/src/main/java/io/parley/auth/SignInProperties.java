package io.parley.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How people may sign in besides e-mail and password, and the account options around it, bound in
 * application.yml from LibreChat's environment names. A blank value counts as unset, as LibreChat's
 * {@code !!process.env.X} does. Secrets are held for the features that will use them and never
 * printed ({@link #toString()} of the nested records masks them).
 *
 * @param allowSocialLogin     {@code ALLOW_SOCIAL_LOGIN}
 * @param allowPasswordReset   {@code ALLOW_PASSWORD_RESET}
 * @param allowAccountDeletion {@code ALLOW_ACCOUNT_DELETION} (unset = true)
 */
@ConfigurationProperties("parley.auth.sign-in")
public record SignInProperties(@DefaultValue("false") boolean allowSocialLogin,
                               @DefaultValue("false") boolean allowPasswordReset,
                               @DefaultValue("true") boolean allowAccountDeletion,
                               @DefaultValue Email email,
                               @DefaultValue OAuthClient google,
                               @DefaultValue OAuthClient github,
                               @DefaultValue OAuthClient discord,
                               @DefaultValue OAuthClient facebook,
                               @DefaultValue Apple apple,
                               @DefaultValue OpenId openid,
                               @DefaultValue Saml saml,
                               @DefaultValue Ldap ldap) {

    /** The e-mail LibreChat sends (verification, password reset): Mailgun or SMTP. */
    public record Email(@DefaultValue("") String service, @DefaultValue("") String host,
                        @DefaultValue("") String username, @DefaultValue("") String password,
                        @DefaultValue("") String from, @DefaultValue("") String mailgunApiKey,
                        @DefaultValue("") String mailgunDomain) {

        /** LibreChat's {@code checkEmailConfig}. */
        public boolean configured() {
            boolean mailgun = set(mailgunApiKey) && set(mailgunDomain) && set(from);
            boolean smtp = (set(service) || set(host)) && set(username) && set(password) && set(from);
            return mailgun || smtp;
        }

        @Override
        public String toString() {
            return "Email[service=" + service + ", host=" + host + ", from=" + from + ", configured=" + configured() + "]";
        }
    }

    /** {@code <PROVIDER>_CLIENT_ID} and {@code <PROVIDER>_CLIENT_SECRET}. */
    public record OAuthClient(@DefaultValue("") String clientId, @DefaultValue("") String clientSecret) {

        public boolean configured() {
            return set(clientId) && set(clientSecret);
        }

        @Override
        public String toString() {
            return "OAuthClient[clientId=" + clientId + ", configured=" + configured() + "]";
        }
    }

    /** Sign in with Apple: {@code APPLE_CLIENT_ID, APPLE_TEAM_ID, APPLE_KEY_ID, APPLE_PRIVATE_KEY_PATH}. */
    public record Apple(@DefaultValue("") String clientId, @DefaultValue("") String teamId,
                        @DefaultValue("") String keyId, @DefaultValue("") String privateKeyPath) {

        public boolean configured() {
            return set(clientId) && set(teamId) && set(keyId) && set(privateKeyPath);
        }
    }

    /** {@code OPENID_*}; the label defaults as LibreChat's ({@code OPENID_BUTTON_LABEL || "Continue with OpenID"}). */
    public record OpenId(@DefaultValue("") String clientId, @DefaultValue("") String clientSecret,
                         @DefaultValue("false") boolean usePkce, @DefaultValue("") String issuer,
                         @DefaultValue("") String sessionSecret, @DefaultValue("") String buttonLabel,
                         @DefaultValue("") String imageUrl, @DefaultValue("false") boolean autoRedirect) {

        /** A client secret is not needed with PKCE. */
        public boolean configured() {
            return set(clientId) && (usePkce || set(clientSecret)) && set(issuer) && set(sessionSecret);
        }

        public String label() {
            return set(buttonLabel) ? buttonLabel : "Continue with OpenID";
        }

        @Override
        public String toString() {
            return "OpenId[clientId=" + clientId + ", issuer=" + issuer + ", configured=" + configured() + "]";
        }
    }

    /** {@code SAML_*}. */
    public record Saml(@DefaultValue("") String entryPoint, @DefaultValue("") String issuer,
                       @DefaultValue("") String cert, @DefaultValue("") String sessionSecret,
                       @DefaultValue("") String buttonLabel, @DefaultValue("") String imageUrl) {

        public boolean configured() {
            return set(entryPoint) && set(issuer) && set(cert) && set(sessionSecret);
        }

        @Override
        public String toString() {
            return "Saml[entryPoint=" + entryPoint + ", issuer=" + issuer + ", configured=" + configured() + "]";
        }
    }

    /** {@code LDAP_URL}, {@code LDAP_USER_SEARCH_BASE}, {@code LDAP_LOGIN_USES_USERNAME}. */
    public record Ldap(@DefaultValue("") String url, @DefaultValue("") String userSearchBase,
                       @DefaultValue("false") boolean loginUsesUsername) {

        public boolean configured() {
            return set(url) && set(userSearchBase);
        }
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }
}
