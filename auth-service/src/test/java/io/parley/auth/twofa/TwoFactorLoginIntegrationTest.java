package io.parley.auth.twofa;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.token.TokenIssuer;
import io.parley.common.test.Http;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Login of a person with 2FA: {@code {twoFAPending, tempToken}}, then {@code /2fa/verify-temp}. */
class TwoFactorLoginIntegrationTest extends TwoFactorIntegrationTest {

    @Autowired
    TokenIssuer tokens;
    @Autowired
    MongoTemplate mongo;

    @Test
    void enrolledPersonLogsInInTwoStepsAndGetsTheCookiesOfALogin() {
        Person person = person();
        Http.Response enabled = post(person, "/api/auth/2fa/enable", "{}");
        AuthenticatorApp app = AuthenticatorApp.enrol(enabled.json().get("otpauthUrl").asString());
        assertThat(post(person, "/api/auth/2fa/confirm", code(app.code(0))).status()).isEqualTo(200);
        assertThat(http.post("/api/auth/logout", null, "Authorization", person.bearer()).status()).isEqualTo(200);

        Http.Response login = login(person.email(), PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("twoFAPending").asBoolean()).isTrue();
        assertThat(login.json().has("token")).isFalse();
        assertThat(login.json().has("user")).isFalse();
        assertThat(login.headers().allValues("Set-Cookie")).as("no session yet").isEmpty();

        Http.Response verified = verifyTemp(login.json().get("tempToken").asString(), "token", app.code(1));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().at("/user/email").asString()).isEqualTo(person.email());
        assertThat(verified.json().at("/user/twoFactorEnabled").asBoolean()).isTrue();
        assertThat(verified.json().get("user").has("password")).isFalse();
        assertThat(verified.setCookies("refreshToken")).singleElement().asString()
                .contains("HttpOnly").contains("SameSite=Strict").contains("Path=/").contains("Max-Age=");
        assertThat(verified.cookie("token_provider")).isEqualTo("librechat");

        String access = verified.json().get("token").asString();
        assertThat(http.get("/api/user", "Authorization", "Bearer " + access).json().get("twoFactorEnabled").asBoolean()).isTrue();
        Http.Response refreshed = http.post("/api/auth/refresh", null, "Cookie", "refreshToken=" + verified.cookie("refreshToken"));
        assertThat(refreshed.status()).isEqualTo(200);
    }

    @Test
    void deletingTheAccountOfA2faPersonTakesACodeAndForgetsTheSecret() {
        Person person = enrolled();
        String delete = "/api/user/delete";

        assertThat(http.send("DELETE", delete, "{}", "Authorization", person.bearer()).status()).isEqualTo(400);
        assertThat(http.send("DELETE", delete, code("000000"), "Authorization", person.bearer()).status()).isEqualTo(401);
        assertThat(http.get("/api/user", "Authorization", person.bearer()).status()).as("nothing deleted yet").isEqualTo(200);

        Http.Response deleted = http.send("DELETE", delete, backup(person.backupCode(0)), "Authorization", person.bearer());

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(http.get("/api/user", "Authorization", person.bearer()).status()).isEqualTo(401);
        assertThat(mongo.count(Query.query(Criteria.where("userId").is(person.id())), "two_factor")).isZero();
    }

    @Test
    void aCodeSignsInOnlyOnceAndNoEarlierCodeAfterIt() {
        Person person = enrolled();
        String fresh = person.app().code(1);
        assertThat(verifyTemp(tempToken(person), "token", fresh).status()).isEqualTo(200);

        Http.Response replayed = verifyTemp(tempToken(person), "token", fresh);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(message(replayed)).isEqualTo("Invalid 2FA code or backup code");
        assertThat(replayed.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(verifyTemp(tempToken(person), "token", person.app().code(0)).status())
                .as("the step the enrolment was confirmed with, and every earlier one").isEqualTo(401);
    }

    @Test
    void aBackupCodeSignsInOnceAsTypedWithSpacesOrCapitals() {
        Person person = enrolled();

        assertThat(verifyTemp(tempToken(person), "backupCode", " " + person.backupCode(3).toUpperCase() + " ").status())
                .isEqualTo(200);
        assertThat(verifyTemp(tempToken(person), "backupCode", person.backupCode(3)).status()).isEqualTo(401);
        assertThat(verifyTemp(tempToken(person), "backupCode", person.backupCode(4)).status()).isEqualTo(200);
    }

    @Test
    void aWrongOrMissingCodeIs401() {
        Person person = enrolled();
        String tempToken = tempToken(person);

        assertThat(message(verifyTemp(tempToken, "token", person.app().wrongCode()))).isEqualTo("Invalid 2FA code or backup code");
        assertThat(verifyTemp(tempToken, "backupCode", "00000000").status()).isEqualTo(401);
        assertThat(http.post("/api/auth/2fa/verify-temp", "{\"tempToken\":\"" + tempToken + "\"}").status()).isEqualTo(401);
        assertThat(verifyTemp(tempToken, "backupCode", person.backupCode(0)).status()).as("the temp token still works")
                .isEqualTo(200);
    }

    @Test
    void missingMalformedExpiredOrForeignTempTokensAreRefused() {
        Person person = enrolled();
        String code = person.app().code(1);

        Http.Response missing = http.post("/api/auth/2fa/verify-temp", code(code));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(message(missing)).isEqualTo("Missing temporary token");
        assertThat(http.post("/api/auth/2fa/verify-temp", null).status()).isEqualTo(400);

        String expired = tokens.twoFactorTempToken(person.id(), "default", Instant.now().minus(10, ChronoUnit.MINUTES));
        Http.Response plain = signedIn();
        for (String bad : List.of("not-a-jwt", expired, person.token(), plain.cookie("refreshToken"),
                tempToken(person) + "x")) {
            Http.Response refused = verifyTemp(bad, "token", code);
            assertThat(refused.status()).as(bad).isEqualTo(401);
            assertThat(message(refused)).isEqualTo("Invalid or expired temporary token");
        }

        Http.Response otherTenant = verifyTemp(tempToken(person), "token", code, "X-Parley-Tenant", uniqueTenant());
        assertThat(otherTenant.status()).as("a temp token is good on its own tenant only").isEqualTo(401);
        assertThat(verifyTemp(tempToken(person), "token", code).status()).as("the code was not used up").isEqualTo(200);
    }

    @Test
    void aTempTokenIsNoAccessTokenNorARefreshToken() {
        Person person = enrolled();
        String tempToken = tempToken(person);

        assertThat(http.get("/api/user", "Authorization", "Bearer " + tempToken).status()).isEqualTo(401);
        assertThat(http.post("/api/auth/refresh", null, "Cookie", "refreshToken=" + tempToken).status()).isEqualTo(401);
    }

    @Test
    void aPersonWithout2faGetsNoTempTokenAndCannotUseOne() {
        Person person = person();
        Http.Response login = login(person.email(), PASSWORD);
        assertThat(login.json().has("token")).isTrue();
        assertThat(login.json().has("twoFAPending")).isFalse();

        String tempToken = tokens.twoFactorTempToken(person.id(), "default", Instant.now().plusSeconds(60));
        Http.Response refused = verifyTemp(tempToken, "backupCode", "00000000");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(message(refused)).isEqualTo("2FA is not enabled for this user");
    }

    @Test
    void afterTooManyWrongCodesEvenTheRightOneIsRefusedWith429OnEveryRouteFromAnyAddress() {
        Person person = enrolled();
        String tempToken = tempToken(person);
        for (int i = 0; i < 5; i++) {
            assertThat(verifyTemp(tempToken, "token", person.app().wrongCode(), "X-Parley-Client-Ip", "192.0.2." + i)
                    .status()).isEqualTo(401);
        }

        Http.Response limited = verifyTemp(tempToken, "backupCode", person.backupCode(0), "X-Parley-Client-Ip", "192.0.2.99");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(message(limited)).isEqualTo("Too many verification attempts, please try again after 15 minutes.");
        assertThat(post(person, "/api/auth/2fa/verify", backup(person.backupCode(0))).status()).isEqualTo(429);
        assertThat(post(person, "/api/auth/2fa/disable", backup(person.backupCode(0))).status()).isEqualTo(429);
    }

    @Test
    void rightCodesDoNotUseUpTheAttempts() {
        Person person = enrolled();
        for (int i = 0; i < 6; i++) {
            assertThat(verifyTemp(tempToken(person), "backupCode", person.backupCode(i)).status()).isEqualTo(200);
        }
        assertThat(verifyTemp(tempToken(person), "token", person.app().wrongCode()).status()).isEqualTo(401);
    }

    @Test
    void twoSubmissionsOfTheSameCodeAtOnceSignInOnce() throws Exception {
        Person person = enrolled();
        String tempToken = tempToken(person);
        String code = person.app().code(1);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Integer>> submissions = List.of(1, 2).stream().map(i -> CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return verifyTemp(tempToken, "token", code).status();
            }, threads)).toList();
            start.countDown();

            List<Integer> statuses = submissions.stream().map(f -> f.orTimeout(30, TimeUnit.SECONDS).join()).sorted().toList();
            assertThat(statuses).containsExactly(200, 401);
        }
    }
}
