package io.parley.auth.settings;

import io.grpc.stub.StreamObserver;
import io.parley.auth.AuthProperties;
import io.parley.auth.SignInProperties;
import io.parley.auth.balance.BalanceProperties;
import io.parley.proto.auth.v1.AuthSettingsGrpc;
import io.parley.proto.auth.v1.GetPublicConfigRequest;
import io.parley.proto.auth.v1.GetPublicConfigResponse;
import org.springframework.stereotype.Service;

/**
 * The sign-in flags of LibreChat's {@code GET /api/config} ({@code api/server/routes/config.js},
 * {@code getLdapConfig}, {@code checkEmailConfig}, {@code getBalanceConfig}), from this service's own
 * settings. Public: no caller is needed. Computed once, the settings being fixed at start-up.
 */
@Service
class AuthSettingsGrpcService extends AuthSettingsGrpc.AuthSettingsImplBase {

    private final GetPublicConfigResponse config;

    AuthSettingsGrpcService(AuthProperties auth, SignInProperties signIn, BalanceProperties balance) {
        this.config = publicConfig(auth, signIn, balance);
    }

    @Override
    public void getPublicConfig(GetPublicConfigRequest request, StreamObserver<GetPublicConfigResponse> response) {
        response.onNext(config);
        response.onCompleted();
    }

    static GetPublicConfigResponse publicConfig(AuthProperties auth, SignInProperties signIn, BalanceProperties balance) {
        boolean ldap = signIn.ldap().configured();
        boolean openid = signIn.openid().configured();
        return GetPublicConfigResponse.newBuilder()
                .setRegistrationEnabled(auth.allowRegistration() && !ldap)
                .setEmailLoginEnabled(auth.allowEmailLogin())
                .setSocialLoginEnabled(signIn.allowSocialLogin())
                .setEmailEnabled(signIn.email().configured())
                .setPasswordResetEnabled(signIn.allowPasswordReset())
                .setMinPasswordLength(auth.minPasswordLength() == null ? 0 : Math.max(0, auth.minPasswordLength()))
                .setGoogleLoginEnabled(signIn.google().configured())
                .setGithubLoginEnabled(signIn.github().configured())
                .setDiscordLoginEnabled(signIn.discord().configured())
                .setFacebookLoginEnabled(signIn.facebook().configured())
                .setAppleLoginEnabled(signIn.apple().configured())
                .setOpenidLoginEnabled(openid)
                .setOpenidLabel(signIn.openid().label())
                .setOpenidImageUrl(signIn.openid().imageUrl())
                .setOpenidAutoRedirect(signIn.openid().autoRedirect())
                // LibreChat offers SAML only when OpenID is not configured.
                .setSamlLoginEnabled(!openid && signIn.saml().configured())
                .setSamlLabel(signIn.saml().buttonLabel())
                .setSamlImageUrl(signIn.saml().imageUrl())
                .setLdapEnabled(ldap)
                .setLdapUsername(ldap && signIn.ldap().loginUsesUsername())
                .setAllowAccountDeletion(signIn.allowAccountDeletion())
                .setBalanceEnabled(balance.enabled())
                .setStartBalance(balance.startBalance())
                .setAutoRefillEnabled(balance.autoRefillEnabled())
                .setRefillIntervalValue(balance.refillIntervalValue())
                .setRefillIntervalUnit(balance.refillIntervalUnit().wireName())
                .setRefillAmount(balance.refillAmount())
                .build();
    }
}
