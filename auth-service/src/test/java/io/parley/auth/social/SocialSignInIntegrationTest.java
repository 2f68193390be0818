package io.parley.auth.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.auth.Tenants;
import io.parley.auth.oauth.Browser;
import io.parley.auth.oauth.FakeFileService;
import io.parley.auth.oauth.FakeGitHub;
import io.parley.auth.oauth.OAuthIntegrationTest;
import io.parley.auth.user.Users;
import io.parley.common.test.Http;
import io.parley.proto.auth.v1.AuthSettingsGrpc;
import io.parley.proto.auth.v1.GetPublicConfigRequest;
import io.parley.proto.auth.v1.GetPublicConfigResponse;
import io.parley.proto.file.v1.StorePurpose;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** GitHub (token endpoint and user API) and Google (OpenID Connect with a fixed issuer), and the config flags. */
class SocialSignInIntegrationTest extends OAuthIntegrationTest {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @Autowired
    Users users;
    @Autowired
    MeterRegistry meters;

    private double failedCopies() {
        return meters.get("parley.auth.avatar.copies").tag("outcome", "failed").counter().count();
    }

    @Test
    void gitHubSignInCreatesTheAccountFromTheVerifiedPrimaryEmail() {
        FakeGitHub.Account account = gitHubAccount(true);
        Browser browser = browser();

        Browser.Page signedIn = gitHubSignIn(browser, account);

        assertThat(signedIn.location()).isEqualTo(CLIENT);
        Http.Response refreshed = refresh(browser);
        assertThat(refreshed.json().at("/user/email").asString()).isEqualTo(account.email());
        assertThat(refreshed.json().at("/user/provider").asString()).isEqualTo("github");
        assertThat(refreshed.json().at("/user/username").asString()).isEqualTo(account.login());
        String userId = refreshed.json().at("/user/id").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> FILES.stored.containsKey(Tenants.DEFAULT + "/" + userId));
        FakeFileService.Stored copy = FILES.stored.get(Tenants.DEFAULT + "/" + userId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                users.byId(Tenants.DEFAULT, userId).orElseThrow().avatar()).as("the picture was copied into file-service")
                .isEqualTo(copy.filepath()));
        assertThat(copy.bytes()).isEqualTo(FakeGitHub.AVATAR);
        assertThat(copy.header().getPurpose()).isEqualTo(StorePurpose.STORE_PURPOSE_AVATAR);
        assertThat(copy.header().getDeclaredType()).isEqualTo("image/png");

        Browser again = browser();
        gitHubSignIn(again, account);
        assertThat(refresh(again).json().at("/user/id").asString()).isEqualTo(refreshed.json().at("/user/id").asString());
    }

    @Test
    void anUnverifiedGitHubEmailDoesNotTakeOverAnAccount() {
        FakeGitHub.Account account = gitHubAccount(false);
        register(account.email());

        Browser.Page answer = gitHubSignIn(browser(), account);

        assertThat(answer.location()).isEqualTo(FAILURE);
        assertThat(answer.setCookie("refreshToken")).isEmpty();
    }

    @Test
    void googleSignInTrustsItsCheckedIdToken() {
        Browser browser = browser();
        String email = uniqueEmail();
        double failedBefore = failedCopies();
        String missingPicture = GITHUB.baseUrl() + "/no-such-picture.jpg";

        Browser.Page signedIn = providerSignIn(browser, "/oauth/google", "google-" + uniqueSubject(), """
                {"email":"%s","email_verified":true,"name":"Grace Hopper","picture":"%s"}"""
                .formatted(email, missingPicture));

        assertThat(signedIn.location()).isEqualTo(CLIENT);
        Http.Response refreshed = refresh(browser);
        assertThat(refreshed.json().at("/user/email").asString()).isEqualTo(email);
        assertThat(refreshed.json().at("/user/provider").asString()).isEqualTo("google");
        assertThat(refreshed.json().at("/user/name").asString()).isEqualTo("Grace Hopper");
        // the provider answers the picture 404: the copy fails and the provider's URL stays
        await().atMost(Duration.ofSeconds(15)).until(() -> failedCopies() > failedBefore);
        assertThat(users.byEmail(Tenants.DEFAULT, email).orElseThrow().avatar()).isEqualTo(missingPicture);
    }

    @Test
    void theConfigFlagsShowTheProvidersThatWork() {
        ManagedChannel channel = grpcChannel();
        try {
            GetPublicConfigResponse config = AuthSettingsGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(2, TimeUnit.SECONDS).getPublicConfig(GetPublicConfigRequest.getDefaultInstance());
            assertThat(config.getSocialLoginEnabled()).isTrue();
            assertThat(config.getOpenidLoginEnabled()).isTrue();
            assertThat(config.getGoogleLoginEnabled()).isTrue();
            assertThat(config.getGithubLoginEnabled()).isTrue();
            assertThat(config.getDiscordLoginEnabled()).isFalse();
            assertThat(config.getFacebookLoginEnabled()).isFalse();
            assertThat(config.getOpenidLabel()).isEqualTo("Continue with OpenID");
        } finally {
            channel.shutdownNow();
        }
    }

    private FakeGitHub.Account gitHubAccount(boolean verified) {
        long id = IDS.incrementAndGet();
        FakeGitHub.Account account = new FakeGitHub.Account(id, "octo" + id, "Octo Cat", uniqueEmail(), verified);
        GITHUB.add(account);
        return account;
    }

    /** Starts at Parley, picks the account on GitHub's authorize page, follows GitHub's redirect back. */
    private Browser.Page gitHubSignIn(Browser browser, FakeGitHub.Account account) {
        Browser.Page toGitHub = browser.get("/oauth/github");
        assertThat(toGitHub.location()).startsWith(GITHUB.baseUrl() + "/login/oauth/authorize?")
                .contains("scope=user%3Aemail+read%3Auser").contains("code_challenge_method=S256");
        Browser.Page back = browser.get(toGitHub.location() + "&login_as=" + account.login());
        assertThat(back.status()).isEqualTo(302);
        return browser.get(back.location());
    }
}
