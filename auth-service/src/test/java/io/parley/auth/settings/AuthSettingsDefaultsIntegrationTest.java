package io.parley.auth.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.parley.auth.AuthIntegrationTest;
import io.parley.proto.auth.v1.AuthSettingsGrpc;
import io.parley.proto.auth.v1.GetPublicConfigRequest;
import io.parley.proto.auth.v1.GetPublicConfigResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The public sign-in flags with none of LibreChat's variables set. */
class AuthSettingsDefaultsIntegrationTest extends AuthIntegrationTest {

    @Test
    void unsetVariablesGiveLibreChatsDefaults() {
        GetPublicConfigResponse config;
        ManagedChannel channel = grpcChannel();
        try {
            config = AuthSettingsGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getPublicConfig(GetPublicConfigRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow();
        }

        assertThat(config.getRegistrationEnabled()).isTrue();
        assertThat(config.getEmailLoginEnabled()).isTrue();
        assertThat(config.getSocialLoginEnabled()).isFalse();
        assertThat(config.getEmailEnabled()).isFalse();
        assertThat(config.getPasswordResetEnabled()).isFalse();
        assertThat(config.getMinPasswordLength()).isZero();
        assertThat(config.getOpenidLoginEnabled()).isFalse();
        assertThat(config.getOpenidLabel()).isEqualTo("Continue with OpenID");
        assertThat(config.getOpenidImageUrl()).isEmpty();
        assertThat(config.getSamlLoginEnabled()).isFalse();
        assertThat(config.getLdapEnabled()).isFalse();
        assertThat(config.getLdapUsername()).isFalse();
        assertThat(config.getAllowAccountDeletion()).isTrue();
        assertThat(config.getBalanceEnabled()).isFalse();
        assertThat(config.getStartBalance()).isEqualTo(20_000);
        assertThat(config.getAutoRefillEnabled()).isFalse();
        assertThat(config.getRefillIntervalValue()).isEqualTo(30);
        assertThat(config.getRefillIntervalUnit()).isEqualTo("days");
        assertThat(config.getRefillAmount()).isEqualTo(10_000);
    }
}
