package io.parley.auth.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthProperties;
import io.parley.auth.SignInProperties;
import io.parley.auth.SignInProperties.Apple;
import io.parley.auth.SignInProperties.Email;
import io.parley.auth.SignInProperties.Ldap;
import io.parley.auth.SignInProperties.OAuthClient;
import io.parley.auth.SignInProperties.OpenId;
import io.parley.auth.SignInProperties.Saml;
import io.parley.auth.balance.BalanceProperties;
import io.parley.auth.balance.RefillUnit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PublicConfigTest {

    private static final AuthProperties AUTH = new AuthProperties(Duration.ofMinutes(15), Duration.ofDays(7), true, true,
            true, null, "", Duration.ofDays(30));
    private static final BalanceProperties BALANCE = new BalanceProperties(false, 20000, false, 30, RefillUnit.DAYS, 10000);
    private static final OAuthClient NONE = new OAuthClient("", "");

    @Test
    void mailgunCountsAsEmailAndSamlShowsWithoutOpenId() {
        SignInProperties signIn = signIn(new Email("", "", "", "", "noreply@example.com", "key", "mg.example.com"),
                new OpenId("", "", false, "", "", "", "", false), new Saml("https://sso", "parley", "cert", "secret", "SAML", ""));

        var config = AuthSettingsGrpcService.publicConfig(AUTH, signIn, BALANCE);

        assertThat(config.getEmailEnabled()).isTrue();
        assertThat(config.getSamlLoginEnabled()).isTrue();
        assertThat(config.getSamlLabel()).isEqualTo("SAML");
    }

    @Test
    void smtpNeedsAServiceOrHostAndOpenIdWithPkceNeedsNoSecret() {
        SignInProperties signIn = signIn(new Email("", "", "user", "password", "noreply@example.com", "", ""),
                new OpenId("id", "", true, "https://idp", "secret", "", "", false), new Saml("", "", "", "", "", ""));

        var config = AuthSettingsGrpcService.publicConfig(AUTH, signIn, BALANCE);

        assertThat(config.getEmailEnabled()).isFalse();
        assertThat(config.getOpenidLoginEnabled()).isTrue();
    }

    @Test
    void secretsStayOutOfTheSettingsText() {
        SignInProperties signIn = signIn(new Email("gmail", "", "user", "mail-password", "noreply@example.com", "mg-key", ""),
                new OpenId("id", "oidc-secret", false, "https://idp", "session-secret", "", "", false),
                new Saml("", "", "", "saml-secret", "", ""));

        assertThat(signIn.toString()).doesNotContain("mail-password", "mg-key", "oidc-secret", "session-secret",
                "saml-secret", "google-secret");
    }

    private static SignInProperties signIn(Email email, OpenId openId, Saml saml) {
        return new SignInProperties(false, false, true, email, new OAuthClient("google-id", "google-secret"), NONE, NONE,
                NONE, new Apple("", "", "", ""), openId, saml, new Ldap("", "", false));
    }
}
