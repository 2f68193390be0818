package io.parley.auth.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.parley.auth.OperatorConfiguredIntegrationTest;
import io.parley.proto.auth.v1.AuthSettingsGrpc;
import io.parley.proto.auth.v1.GetPublicConfigRequest;
import io.parley.proto.auth.v1.GetPublicConfigResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The public sign-in flags of an operator's LibreChat environment, over gRPC without a caller. */
class AuthSettingsGrpcIntegrationTest extends OperatorConfiguredIntegrationTest {

    @Test
    void theFlagsFollowLibreChatsEnvironmentNames() {
        GetPublicConfigResponse config = publicConfig();

        assertThat(config.getLdapEnabled()).as("LDAP signs people in where configured: LdapLoginIntegrationTest").isFalse();
        assertThat(config.getRegistrationEnabled()).isTrue();
        assertThat(config.getEmailLoginEnabled()).isTrue();
        assertThat(config.getSocialLoginEnabled()).isTrue();
        assertThat(config.getEmailEnabled()).isTrue();
        assertThat(config.getPasswordResetEnabled()).isTrue();
        assertThat(config.getMinPasswordLength()).isEqualTo(10);
        assertThat(config.getGoogleLoginEnabled()).isTrue();
        assertThat(config.getGithubLoginEnabled()).as("an id without a secret").isFalse();
        assertThat(config.getDiscordLoginEnabled()).isFalse();
        assertThat(config.getFacebookLoginEnabled()).isFalse();
        assertThat(config.getAppleLoginEnabled()).isFalse();
        assertThat(config.getOpenidLoginEnabled()).isTrue();
        assertThat(config.getOpenidLabel()).isEqualTo("Company SSO");
        assertThat(config.getOpenidImageUrl()).isEqualTo("https://idp.example.com/logo.png");
        assertThat(config.getOpenidAutoRedirect()).isTrue();
        assertThat(config.getSamlLoginEnabled()).as("SAML only without OpenID").isFalse();
        assertThat(config.getAllowAccountDeletion()).isFalse();
    }

    @Test
    void theBalanceSettingsComeFromLibreChatYaml() {
        GetPublicConfigResponse config = publicConfig();

        assertThat(config.getBalanceEnabled()).isTrue();
        assertThat(config.getStartBalance()).isEqualTo(START_BALANCE);
        assertThat(config.getAutoRefillEnabled()).isTrue();
        assertThat(config.getRefillIntervalValue()).isEqualTo(30);
        assertThat(config.getRefillIntervalUnit()).isEqualTo("days");
        assertThat(config.getRefillAmount()).isEqualTo(REFILL_AMOUNT);
    }

    @Test
    void registrationHonoursTheOperatorsMinimumPasswordLength() {
        String email = uniqueEmail();
        assertThat(http.post("/api/auth/register", """
                {"name":"Test Person","email":"%s","password":"ninechars","confirm_password":"ninechars"}"""
                .formatted(email)).status()).isEqualTo(400);
    }

    private GetPublicConfigResponse publicConfig() {
        ManagedChannel channel = grpcChannel();
        try {
            return AuthSettingsGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getPublicConfig(GetPublicConfigRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow();
        }
    }
}
