package io.parley.auth.oauth;

import io.parley.auth.identityprovider.Secrets;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import io.parley.common.redis.Violations;
import io.parley.common.test.Http;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sign-in through the OpenID Connect provider, end to end with a browser's redirects. */
class OpenIdSignInIntegrationTest extends OAuthIntegrationTest {

    @Autowired
    Violations violations;

    @Test
    void signingInRedirectsToTheClientWithARefreshCookieThatGivesTheOidcPersonsToken() {
        Browser browser = browser();
        String email = uniqueEmail();
        Browser.Page signedIn = openIdSignIn(browser, uniqueSubject(), person(email, true));

        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).isEqualTo(CLIENT);
        assertThat(signedIn.setCookie("refreshToken")).get().asString()
                .contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        assertThat(signedIn.setCookie("token_provider")).get().asString().startsWith("token_provider=librechat");
        assertThat(browser.cookie(BrowserBinding.COOKIE)).as("the binding cookie is spent").isNull();

        Http.Response refreshed = refresh(browser);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().at("/user/email").asString()).isEqualTo(email);
        assertThat(refreshed.json().at("/user/provider").asString()).isEqualTo("openid");
        assertThat(refreshed.json().at("/user/emailVerified").asBoolean()).isTrue();
        assertThat(refreshed.json().at("/user/name").asString()).isEqualTo("Ada Lovelace");
        String token = refreshed.json().get("token").asString();
        assertThat(http.get("/api/user", "Authorization", "Bearer " + token).json().get("email").asString())
                .isEqualTo(email);
    }

    @Test
    void aSecondSignInOfTheSamePersonReusesTheAccountEvenUnderTheSeedsPath() {
        String subject = uniqueSubject();
        String email = uniqueEmail();
        Browser first = browser();
        openIdSignIn(first, subject, person(email, true));
        Browser second = browser();
        Browser.Page again = providerSignIn(second, "/api/oauth/openid", subject, person(email, true));

        assertThat(again.location()).isEqualTo(CLIENT);
        assertThat(refresh(second).json().at("/user/id").asString())
                .isEqualTo(refresh(first).json().at("/user/id").asString());
    }

    @Test
    void afterTheAccountIsDeletedTheNextSignInMakesANewAccount() {
        String subject = uniqueSubject();
        String email = uniqueEmail();
        Browser first = browser();
        openIdSignIn(first, subject, person(email, true));
        Http.Response session = refresh(first);
        String firstId = session.json().at("/user/id").asString();

        assertThat(http.send("DELETE", "/api/user/delete", null,
                "Authorization", "Bearer " + session.json().get("token").asString()).status()).isEqualTo(200);
        Browser second = browser();
        openIdSignIn(second, subject, person(email, true));

        assertThat(refresh(second).json().at("/user/id").asString()).isNotEqualTo(firstId);
    }

    @Test
    void aVerifiedEmailLinksTheExistingPasswordAccount() {
        String email = uniqueEmail();
        register(email);
        String localId = login(email, PASSWORD).json().at("/user/id").asString();

        Browser browser = browser();
        assertThat(openIdSignIn(browser, uniqueSubject(), person(email, true)).location()).isEqualTo(CLIENT);

        Http.Response refreshed = refresh(browser);
        assertThat(refreshed.json().at("/user/id").asString()).isEqualTo(localId);
        assertThat(refreshed.json().at("/user/provider").asString()).as("still a password account too").isEqualTo("local");
        assertThat(login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anUnverifiedEmailOfAnExistingAccountIsRefused() {
        String email = uniqueEmail();
        register(email);
        Browser browser = browser();
        Browser.Page answer = openIdSignIn(browser, uniqueSubject(), person(email, false));

        assertThat(answer.location()).isEqualTo(FAILURE);
        assertThat(answer.setCookie("refreshToken")).isEmpty();
    }

    @Test
    void theFailurePageSendsTheBrowserToLibreChatsLogin() {
        assertThat(browser().get("/oauth/error").location()).isEqualTo(CLIENT + "/login?redirect=false&error=auth_failed");
        assertThat(browser().get("/api/oauth/error").location()).isEqualTo(CLIENT + "/login?redirect=false&error=auth_failed");
    }

    @Test
    void aForgedStateIsRefusedWithoutASession() {
        Browser browser = browser();
        Browser.Page toProvider = browser.get("/oauth/openid");
        Browser.Page back = browser.postForm(toProvider.location(),
                Map.of("username", uniqueSubject(), "claims", person(uniqueEmail(), true)));
        String forged = back.location().replaceAll("state=[^&]+", "state=forged-" + Secrets.random());

        Browser.Page answer = browser.get(forged);
        assertThat(answer.location()).isEqualTo(FAILURE);
        assertThat(answer.setCookie("refreshToken")).isEmpty();
    }

    @Test
    void aCallbackWithoutStateOrWithTheProvidersErrorIsRefused() {
        Browser browser = browser();
        browser.get("/oauth/openid");
        assertThat(browser.get("/oauth/openid/callback?code=abc").location()).isEqualTo(FAILURE);
        assertThat(browser.get("/oauth/openid/callback?error=access_denied&state=x").location()).isEqualTo(FAILURE);
    }

    @Test
    void aStateWorksOnceAndOnlyInTheBrowserThatStartedTheSignIn() {
        Browser starter = browser();
        Browser.Page toProvider = starter.get("/oauth/openid");
        Browser.Page back = starter.postForm(toProvider.location(),
                Map.of("username", uniqueSubject(), "claims", person(uniqueEmail(), true)));

        Browser victim = browser();
        Browser.Page carried = victim.get(back.location());
        assertThat(carried.location()).as("login CSRF: the callback carried to another browser").isEqualTo(FAILURE);
        assertThat(carried.setCookie("refreshToken")).isEmpty();

        Browser.Page replayed = starter.get(back.location());
        assertThat(replayed.location()).as("the state was used up by the refused attempt").isEqualTo(FAILURE);
    }

    @Test
    void anIdTokenOfASecondIssuerIsRefused() {
        Browser browser = browser();
        Browser.Page toProvider = browser.get("/oauth/openid");
        String nonce = query(toProvider.location()).get("nonce");
        String subject = uniqueSubject();
        Browser.Page back = browser.postForm(toProvider.location(),
                Map.of("username", subject, "claims", person(uniqueEmail(), true)));
        // Everything right (audience, nonce, subject, signature by its issuer's key) but the issuer.
        String secondIssuers = IDP.token("second", Map.of("sub", subject, "aud", OPENID_CLIENT, "nonce", nonce,
                "email", uniqueEmail(), "email_verified", true,
                "realm_access", Map.of("roles", java.util.List.of(REQUIRED_ROLE))));
        IDP.answerNextOpenIdTokenRequestWith("""
                {"access_token":"%s","id_token":"%s","token_type":"Bearer","expires_in":3600}"""
                .formatted(secondIssuers, secondIssuers));

        Browser.Page answer = browser.get(back.location());
        assertThat(answer.location()).isEqualTo(FAILURE);
        assertThat(answer.setCookie("refreshToken")).isEmpty();
    }

    @Test
    void anIdTokenNamingAnotherIssuerIsRefusedEvenWhenTheRightKeySignedIt() {
        Browser browser = browser();
        Browser.Page answer = openIdSignIn(browser, uniqueSubject(), person(uniqueEmail(), true)
                .replaceFirst("\\{", "{\"iss\":\"" + IDP.issuer("second") + "\","));

        assertThat(answer.location()).isEqualTo(FAILURE);
        assertThat(answer.setCookie("refreshToken")).isEmpty();
    }

    @Test
    void theAuthorizationRequestCarriesAPkceChallengeThatTheTokenRequestsVerifierAnswers() throws Exception {
        Browser browser = browser();
        Browser.Page toProvider = browser.get("/oauth/openid");
        Map<String, String> request = query(toProvider.location());
        assertThat(request).containsEntry("code_challenge_method", "S256").containsEntry("client_id", OPENID_CLIENT)
                .containsEntry("redirect_uri", SERVER + "/oauth/openid/callback").containsEntry("response_type", "code")
                .containsKeys("state", "nonce");
        Browser.Page back = browser.postForm(toProvider.location(),
                Map.of("username", uniqueSubject(), "claims", person(uniqueEmail(), true)));
        String code = query(back.location()).get("code");
        assertThat(browser.get(back.location()).location()).isEqualTo(CLIENT);

        IdentityProvider.TokenRequest received = IDP.receivedTokenRequests().stream()
                .filter(sent -> code.equals(form(sent.body()).get("code"))).findFirst().orElseThrow();
        Map<String, String> tokenRequest = form(received.body());
        String verifier = tokenRequest.get("code_verifier");
        assertThat(verifier).hasSize(43);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64URL.encode(digest).toString()).isEqualTo(request.get("code_challenge"));
        assertThat(tokenRequest).as("the secret goes in the Basic header, not the form").doesNotContainKey("client_secret");
        assertThat(received.authorization()).as("client_secret_basic").isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((OPENID_CLIENT + ":openid-secret").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPersonWithoutTheRequiredRoleIsRefused() {
        Browser browser = browser();
        Browser.Page answer = openIdSignIn(browser, uniqueSubject(), """
                {"email":"%s","email_verified":true,"realm_access":{"roles":["reader"]}}""".formatted(uniqueEmail()));

        assertThat(answer.location()).isEqualTo(FAILURE);
        assertThat(answer.setCookie("refreshToken")).isEmpty();
    }

    @Test
    void aBannedPersonGetsLibreChatsBanAnswerAndNoSession() {
        String subject = uniqueSubject();
        String email = uniqueEmail();
        Browser first = browser();
        openIdSignIn(first, subject, person(email, true));
        String userId = refresh(first).json().at("/user/id").asString();
        violations.ban("default", userId, Duration.ofMinutes(5)).toCompletableFuture().join();
        try {
            Browser.Page answer = openIdSignIn(browser(), subject, person(email, true));

            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.body()).contains("banned").contains(Violations.BANNED_MESSAGE);
            assertThat(answer.setCookie("refreshToken")).isEmpty();
        } finally {
            violations.unban("default", userId).toCompletableFuture().join();
        }
    }

    @Test
    void theSignInStaysInItsTenant() {
        String tenant = uniqueTenant();
        Browser browser = browser("X-Parley-Tenant", tenant);
        String email = uniqueEmail();
        assertThat(openIdSignIn(browser, uniqueSubject(), person(email, true)).location()).isEqualTo(CLIENT);

        Http.Response refreshed = refresh(browser);
        assertThat(refreshed.json().at("/user/tenantId").asString()).isEqualTo(tenant);
        assertThat(refreshed.json().at("/user/role").asString()).as("a tenant's first account").isEqualTo("ADMIN");
        assertThat(login(email, PASSWORD).status()).as("no such account in the default tenant").isEqualTo(401);

        Browser moving = browser("X-Parley-Tenant", tenant);
        Browser.Page toProvider = moving.get("/oauth/openid");
        Browser.Page back = moving.postForm(toProvider.location(),
                Map.of("username", uniqueSubject(), "claims", person(uniqueEmail(), true)));
        Browser elsewhere = moving.with("X-Parley-Tenant", uniqueTenant());
        assertThat(elsewhere.get(back.location()).location()).isEqualTo(FAILURE);
    }

    @Test
    void anUnknownOrUnconfiguredProviderIsNotFound() {
        assertThat(browser().get("/oauth/facebook").status()).isEqualTo(404);
        assertThat(browser().get("/oauth/myspace").status()).isEqualTo(404);
        assertThat(browser().get("/oauth/facebook/callback?code=a&state=b").location()).isEqualTo(FAILURE);
    }

    static Map<String, String> query(String url) {
        return form(URI.create(url).getRawQuery());
    }

    static Map<String, String> form(String encoded) {
        return Arrays.stream(encoded.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "", (a, b) -> b));
    }
}
