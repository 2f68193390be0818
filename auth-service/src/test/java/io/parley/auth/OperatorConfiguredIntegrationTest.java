package io.parley.auth;

import org.springframework.test.context.TestPropertySource;

/**
 * The shared auth-service of {@link AuthIntegrationTest} as an operator would configure one: balance
 * on in librechat.yaml's terms, and sign-in options in LibreChat's environment names. One more
 * application context, shared by every class extending this one. LDAP is not among the options: it
 * would take over the password login these tests use ({@code LdapIntegrationTest} has its own).
 */
@TestPropertySource(properties = {
        "librechat.balance.enabled=true",
        "librechat.balance.startBalance=" + OperatorConfiguredIntegrationTest.START_BALANCE,
        "librechat.balance.autoRefillEnabled=true",
        "librechat.balance.refillIntervalValue=30",
        "librechat.balance.refillIntervalUnit=days",
        "librechat.balance.refillAmount=" + OperatorConfiguredIntegrationTest.REFILL_AMOUNT,
        "ALLOW_SOCIAL_LOGIN=true",
        "ALLOW_PASSWORD_RESET=true",
        "ALLOW_ACCOUNT_DELETION=false",
        "MIN_PASSWORD_LENGTH=10",
        // SMTP where nothing listens: registrations here send verification mail, and none may leave the machine.
        "EMAIL_HOST=127.0.0.1",
        "EMAIL_PORT=1",
        "EMAIL_USERNAME=mailer@example.com",
        "EMAIL_PASSWORD=app-password",
        "EMAIL_FROM=noreply@example.com",
        "GOOGLE_CLIENT_ID=google-id",
        "GOOGLE_CLIENT_SECRET=google-secret",
        "GITHUB_CLIENT_ID=github-id-without-secret",
        "OPENID_CLIENT_ID=oidc-id",
        "OPENID_CLIENT_SECRET=oidc-secret",
        "OPENID_ISSUER=https://idp.example.com",
        "OPENID_SESSION_SECRET=session-secret",
        "OPENID_BUTTON_LABEL=Company SSO",
        "OPENID_IMAGE_URL=https://idp.example.com/logo.png",
        "OPENID_AUTO_REDIRECT=true",
        "SAML_ENTRY_POINT=https://saml.example.com/sso",
        "SAML_ISSUER=parley",
        "SAML_CERT=cert",
        "SAML_SESSION_SECRET=saml-secret"})
public abstract class OperatorConfiguredIntegrationTest extends AuthIntegrationTest {

    protected static final long START_BALANCE = 20_000;
    protected static final long REFILL_AMOUNT = 10_000;
}
