package io.parley.auth.oauth;

import io.parley.auth.SignInProperties;
import io.parley.auth.ban.SignInBans;
import io.parley.auth.externalaccount.ExternalAccounts;
import io.parley.auth.graphtoken.GraphTokens;
import io.parley.auth.identityprovider.ExternalIdentity;
import io.parley.auth.identityprovider.OAuthProperties;
import io.parley.auth.identityprovider.OAuthProvider;
import io.parley.auth.identityprovider.PendingSignIn;
import io.parley.auth.identityprovider.Secrets;
import io.parley.auth.identityprovider.SignInFailed;
import io.parley.auth.login.ExternalSignIn;
import io.parley.auth.user.User;
import io.parley.common.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The authorization-code flow, without a server session: {@link #begin} remembers the sign-in (state,
 * PKCE verifier, nonce, tenant, browser) in the store and sends the browser to the provider;
 * {@link #complete} takes it back once, lets the provider say who signed in, finds or makes the user
 * and starts a login session exactly as a password login does. Any failure sends the browser to
 * LibreChat's failure page; a banned person gets LibreChat's 403.
 */
@Component
class OAuthSignIn {


    private static final Logger log = LoggerFactory.getLogger(OAuthSignIn.class);

    private final Map<String, OAuthProvider> providers;
    private final SignInProperties signIn;
    private final OAuthProperties properties;
    private final PendingSignInStore pending;
    private final BrowserBinding binding;
    private final ExternalAccounts accounts;
    private final ExternalSignIn sessions;
    private final GraphTokens graphTokens;
    private final SignInBans bans;
    private final Clock clock = Clock.systemUTC();

    OAuthSignIn(List<OAuthProvider> providers, SignInProperties signIn, OAuthProperties properties,
                PendingSignInStore pending, BrowserBinding binding, ExternalAccounts accounts, ExternalSignIn sessions,
                GraphTokens graphTokens, SignInBans bans) {
        this.providers = providers.stream().collect(Collectors.toUnmodifiableMap(OAuthProvider::name, Function.identity()));
        this.signIn = signIn;
        this.properties = properties;
        this.pending = pending;
        this.binding = binding;
        this.accounts = accounts;
        this.sessions = sessions;
        this.graphTokens = graphTokens;
        this.bans = bans;
    }

    /** @return where to send the browser: the provider's sign-in page, or the failure page */
    URI begin(String providerName, String tenantId, HttpServletRequest request, HttpServletResponse response) {
        OAuthProvider provider = enabled(providerName).orElseThrow(() -> new ApiException.NotFound(
                "This sign-in method is not enabled"));
        String state = Secrets.random();
        String browser = Secrets.random();
        Instant now = clock.instant();
        PendingSignIn attempt = new PendingSignIn(Secrets.sha256Hex(state), tenantId, provider.name(), Secrets.random(),
                Secrets.random(), Secrets.sha256Hex(browser), now, now.plus(properties.stateLifetime()));
        URI target;
        try {
            target = provider.authorizationUri(attempt, state);
        } catch (SignInFailed e) {
            log.warn("Sign-in could not start provider={} tenant_id={} reason={}", provider.name(), tenantId,
                    e.getMessage());
            return URI.create(properties.failureRedirect());
        } catch (IllegalArgumentException e) {
            log.error("Sign-in could not start, a provider URL is malformed provider={}", provider.name());
            return URI.create(properties.failureRedirect());
        }
        pending.insert(attempt);
        binding.set(request, response, browser);
        return target;
    }

    /**
     * @param parameters the callback's query parameters ({@code code}, {@code state}, or {@code error})
     * @return where to send the browser: {@code DOMAIN_CLIENT}, signed in, or the failure page
     * @throws ApiException.Forbidden when the person is banned (no session is started)
     */
    URI complete(String providerName, Map<String, String> parameters, String tenantId, HttpServletRequest request,
                 HttpServletResponse response) {
        String browser = binding.take(request, response);
        String name = providers.containsKey(providerName) ? providerName : "unknown";
        try {
            OAuthProvider provider = enabled(providerName).orElseThrow(() -> new SignInFailed("provider not enabled"));
            if (parameters.containsKey("error")) {
                throw new SignInFailed("provider answered an error");
            }
            String state = parameters.get("state");
            String code = parameters.get("code");
            if (state == null || code == null) {
                throw new SignInFailed("callback without state or code");
            }
            PendingSignIn attempt = pending.take(Secrets.sha256Hex(state), provider.name())
                    .orElseThrow(() -> new SignInFailed("unknown or already used state"));
            if (!attempt.expiresAt().isAfter(clock.instant())) {
                throw new SignInFailed("sign-in took too long");
            }
            if (browser == null || !Secrets.same(Secrets.sha256Hex(browser), attempt.browserHash())) {
                throw new SignInFailed("callback reached another browser than the one that started");
            }
            if (!attempt.tenantId().equals(tenantId)) {
                throw new SignInFailed("callback reached another tenant");
            }
            ExternalIdentity identity = provider.identify(code, attempt);
            User user = accounts.userFor(tenantId, identity);
            bans.refuseBanned(tenantId, user.idString());
            ExternalSignIn.Started started = sessions.start(user, request, response);
            if (identity.tokens() != null) {
                graphTokens.remember(tenantId, started.sessionId(), user.idString(), identity.tokens(), started.expiresAt());
            }
            log.info("Signed in through a provider tenant_id={} user_id={} provider={} session_id={}", tenantId,
                    user.idString(), provider.name(), started.sessionId());
            return URI.create(properties.domainClient());
        } catch (SignInFailed e) {
            log.warn("Sign-in refused provider={} tenant_id={} reason={}", name, tenantId, e.getMessage());
            return URI.create(properties.failureRedirect());
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // The browser is mid-navigation: LibreChat's failure page serves it better than a JSON 500.
            log.error("Sign-in failed unexpectedly provider={} tenant_id={}", name, tenantId, e);
            return URI.create(properties.failureRedirect());
        }
    }

    /** LibreChat's {@code /oauth/error}: back to the login page, which shows the failure. */
    URI failurePage() {
        return URI.create(OAuthProperties.stripSlash(properties.domainClient()) + "/login?redirect=false&error=auth_failed");
    }

    private Optional<OAuthProvider> enabled(String name) {
        return Optional.ofNullable(providers.get(name)).filter(p -> signIn.allowSocialLogin() && p.configured());
    }
}
