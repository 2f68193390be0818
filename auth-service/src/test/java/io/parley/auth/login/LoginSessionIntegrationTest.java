package io.parley.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.redis.Violations;
import io.parley.common.test.Http;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LoginSessionIntegrationTest extends AuthIntegrationTest {

    @Autowired
    Violations violations;

    @Test
    void loginAnswersLibreChatsTokenAndUserAndSetsTheRefreshCookies() {
        String email = uniqueEmail();
        register(email);
        Http.Response response = login(email, PASSWORD);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("token").asString()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(response.json().at("/user/email").asString()).isEqualTo(email);
        assertThat(response.json().at("/user/id").asString()).isEqualTo(response.json().at("/user/_id").asString());
        assertThat(response.json().get("user").has("password")).isFalse();
        assertThat(response.setCookies("refreshToken")).singleElement().asString()
                .contains("HttpOnly").contains("SameSite=Strict").contains("Path=/").contains("Max-Age=");
        assertThat(response.cookie("token_provider")).isEqualTo("librechat");
    }

    @Test
    void theAccessTokenOpensGetUser() {
        Http.Response session = signedIn();
        Http.Response me = http.get("/api/user", "Authorization", "Bearer " + token(session));

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("email").asString()).isEqualTo(session.json().at("/user/email").asString());
        assertThat(me.json().get("tenantId").asString()).isEqualTo("default");
        assertThat(me.json().has("password")).isFalse();
    }

    @Test
    void wrongPasswordAndUnknownEmailLookAlike() {
        String email = uniqueEmail();
        register(email);
        Http.Response wrongPassword = login(email, "Wrong-Pass-123");
        Http.Response unknown = login(uniqueEmail(), PASSWORD);

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("message")).isEqualTo(unknown.json().get("message"));
        assertThat(wrongPassword.setCookies("refreshToken")).isEmpty();
    }

    @Test
    void aBannedPersonCannotSignInWithTheRightPasswordAndAWrongOneStillLooksWrong() {
        String email = uniqueEmail();
        register(email);
        String userId = login(email, PASSWORD).json().at("/user/id").asString();
        violations.ban("default", userId, Duration.ofMinutes(5)).toCompletableFuture().join();
        try {
            Http.Response refused = login(email, PASSWORD);

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("message").asString()).isEqualTo(Violations.BANNED_MESSAGE);
            assertThat(refused.setCookies("refreshToken")).isEmpty();
            assertThat(login(email, "Wrong-Pass-123").status()).as("the ban tells nothing without the password")
                    .isEqualTo(401);
        } finally {
            violations.unban("default", userId).toCompletableFuture().join();
        }
        assertThat(login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aUserOfOneTenantCannotLogInAtAnother() {
        String email = uniqueEmail();
        register(email);
        assertThat(login(email, PASSWORD, "X-Parley-Tenant", uniqueTenant()).status()).isEqualTo(401);
    }

    @Test
    void missingOrMalformedCredentialsAre400() {
        assertThat(http.post("/api/auth/login", "{\"email\":\"a@example.com\"}").status()).isEqualTo(400);
        assertThat(http.post("/api/auth/login", "{\"email\":{\"$gt\":\"\"},\"password\":\"x\"}").status()).isEqualTo(400);
        assertThat(http.post("/api/auth/login", "{\"email\":\"not-an-email\",\"password\":\"x\"}").status()).isEqualTo(400);
        assertThat(http.post("/api/auth/login", "{\"email\":\"a@example.com\",\"password\":\"" + "p".repeat(129) + "\"}").status())
                .isEqualTo(400);
    }

    @Test
    void refreshRotatesTheCookieAndAnswersANewToken() {
        Http.Response session = signedIn();
        Http.Response refreshed = refresh(session.cookie("refreshToken"));

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("token").asString()).isNotEqualTo(token(session));
        assertThat(refreshed.json().at("/user/email").asString()).isEqualTo(session.json().at("/user/email").asString());
        assertThat(refreshed.cookie("refreshToken")).isNotBlank().isNotEqualTo(session.cookie("refreshToken"));
        assertThat(http.get("/api/user", "Authorization", "Bearer " + token(refreshed)).status()).isEqualTo(200);
    }

    @Test
    void refreshWorksWhileTheClientStillSendsItsStaleAccessToken() {
        Http.Response session = signedIn();
        Http.Response refreshed = http.post("/api/auth/refresh", null, "Cookie", "refreshToken=" + session.cookie("refreshToken"),
                "Authorization", "Bearer expired.or.garbage");
        assertThat(refreshed.status()).isEqualTo(200);
    }

    @Test
    void reusingARotatedRefreshTokenEndsTheWholeSession() {
        Http.Response session = signedIn();
        String first = session.cookie("refreshToken");
        String second = refresh(first).cookie("refreshToken");

        Http.Response replay = refresh(first);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.json().get("error").asString()).isEqualTo("refresh_token_reused");
        // the thief's replay also locks out the token the legitimate holder got
        assertThat(refresh(second).status()).isEqualTo(401);
        // a new login is a new session
        assertThat(refresh(login(session.json().at("/user/email").asString(), PASSWORD).cookie("refreshToken")).status())
                .isEqualTo(200);
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookies() {
        Http.Response session = signedIn();
        String cookie = session.cookie("refreshToken");
        Http.Response logout = http.post("/api/auth/logout", null, "Authorization", "Bearer " + token(session),
                "Cookie", "refreshToken=" + cookie);

        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.json().get("message").asString()).isEqualTo("Logout successful");
        assertThat(logout.setCookies("refreshToken")).singleElement().asString().contains("Max-Age=0");
        assertThat(refresh(cookie).status()).isEqualTo(401);
    }

    @Test
    void logoutWithoutTheCookieEndsTheTokensSession() {
        Http.Response session = signedIn();
        http.post("/api/auth/logout", null, "Authorization", "Bearer " + token(session));
        assertThat(refresh(session.cookie("refreshToken")).status()).isEqualTo(401);
    }

    @Test
    void refreshWithoutACookieIsLibreChatsPlainSignedOutAnswer() {
        Http.Response none = http.post("/api/auth/refresh", null);

        assertThat(none.status()).isEqualTo(200);
        assertThat(none.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(none.body()).isEqualTo("Refresh token not provided");
        assertThat(none.setCookies("refreshToken")).isEmpty();
    }

    @Test
    void refreshWithAGarbageCookieIs401() {
        assertThat(refresh("not-a-token").status()).isEqualTo(401);
        assertThat(http.post("/api/auth/logout", null).status()).isEqualTo(401);
    }

    @Test
    void aRefreshTokenIsNotAnAccessToken() {
        Http.Response session = signedIn();
        assertThat(http.get("/api/user", "Authorization", "Bearer " + session.cookie("refreshToken")).status()).isEqualTo(401);
    }

    @Test
    void anAccessTokenIsNotARefreshToken() {
        Http.Response session = signedIn();
        assertThat(refresh(token(session)).status()).isEqualTo(401);
    }

    private Http.Response refresh(String cookie) {
        return http.post("/api/auth/refresh", null, "Cookie", "refreshToken=" + cookie);
    }

    private static String token(Http.Response session) {
        return session.json().get("token").asString();
    }
}
