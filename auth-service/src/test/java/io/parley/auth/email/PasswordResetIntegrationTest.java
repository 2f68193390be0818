package io.parley.auth.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** LibreChat's password reset with e-mail configured, followed through the mail a real SMTP server received. */
class PasswordResetIntegrationTest extends EmailIntegrationTest {

    private static final String NEW_PASSWORD = "Battery-Staple-42";

    @Autowired
    MongoTemplate mongo;

    @Autowired
    io.parley.common.redis.Standings standings;

    @Test
    void aKnownAndAnUnknownAddressGetTheSameAnswerAndOnlyTheAccountGetsAMail() {
        String known = verifiedAccount();
        String unknown = uniqueEmail();

        Http.Response forUnknown = requestReset(unknown);
        Http.Response forKnown = requestReset(known);

        assertThat(forUnknown.status()).isEqualTo(200);
        assertThat(forKnown.status()).isEqualTo(200);
        assertThat(forKnown.body()).isEqualTo(forUnknown.body())
                .isEqualTo("{\"message\":\"If an account with that email exists, a password reset link has been sent to it.\"}");
        ReceivedMail mail = ReceivedMail.of(awaitMails(known, 2).get(1));
        // One sender works in order: had the unknown address been mailed, it would have arrived first.
        assertThat(mailsTo(unknown)).isEmpty();
        assertThat(mail.subject()).isEqualTo("Password Reset Request");
        assertThat(mail.from()).isEqualTo("Parley Test <noreply@parley.test>");
        assertThat(mail.to()).contains(known);
        assertThat(mail.link()).startsWith(CLIENT + "/reset-password?token=");
        assertThat(mail.html()).contains("href=\"" + CLIENT + "/reset-password?token=");
    }

    @Test
    void theMailedLinkSetsTheNewPasswordOnceAndEndsEverySession() {
        String email = verifiedAccount();
        Http.Response session = login(email, PASSWORD);
        String refreshToken = session.cookie("refreshToken");
        requestReset(email);
        ReceivedMail mail = ReceivedMail.of(awaitMails(email, 2).get(1));
        String token = mail.linkParameter("token");
        String userId = mail.linkParameter("userId");
        assertThat(userId).isEqualTo(session.json().get("user").get("id").asString());

        Http.Response reset = resetPassword(userId, token, NEW_PASSWORD);

        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("message").asString()).isEqualTo("Password reset was successful");
        assertThat(login(email, PASSWORD).status()).isEqualTo(401);
        assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
        assertThat(http.post("/api/auth/refresh", null, "Cookie", "refreshToken=" + refreshToken).status())
                .as("the session from before the reset").isEqualTo(401);
        assertThat(standings.of("default", null, userId, sessionOf(session.json().get("token").asString()))
                .toCompletableFuture().join().sessionEnded())
                .as("its access token, refused by the gateway").isTrue();
        Http.Response again = resetPassword(userId, token, "Another-Password-7");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("message").asString()).isEqualTo("Invalid or expired password reset token");
        assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
        ReceivedMail confirmation = ReceivedMail.of(awaitMails(email, 3).get(2));
        assertThat(confirmation.subject()).isEqualTo("Password Reset Successfully");
    }

    private static String sessionOf(String accessToken) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anExpiredLinkIsRefused() {
        String email = verifiedAccount();
        requestReset(email);
        ReceivedMail mail = ReceivedMail.of(awaitMails(email, 2).get(1));
        String userId = mail.linkParameter("userId");
        mongo.updateMulti(Query.query(Criteria.where("userId").is(userId).and("purpose").is("RESET")),
                new Update().set("expiresAt", Instant.now().minusSeconds(1)), AccountToken.class);

        Http.Response reset = resetPassword(userId, mail.linkParameter("token"), NEW_PASSWORD);

        assertThat(reset.status()).isEqualTo(400);
        assertThat(reset.json().get("message").asString()).isEqualTo("Invalid or expired password reset token");
        assertThat(login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aLinkWorksOnlyForItsOwnAccountAndNotInAnotherTenant() {
        String email = verifiedAccount();
        String other = verifiedAccount();
        requestReset(email);
        ReceivedMail mail = ReceivedMail.of(awaitMails(email, 2).get(1));
        String otherId = login(other, PASSWORD).json().get("user").get("id").asString();
        String token = mail.linkParameter("token");

        assertThat(resetPassword(otherId, token, NEW_PASSWORD).status()).isEqualTo(400);
        assertThat(http.post("/api/auth/resetPassword", body(mail.linkParameter("userId"), token, NEW_PASSWORD),
                "X-Parley-Tenant", uniqueTenant()).status()).isEqualTo(400);
        assertThat(login(other, PASSWORD).status()).isEqualTo(200);
        assertThat(resetPassword(mail.linkParameter("userId"), token, NEW_PASSWORD).status())
                .as("the refused attempts did not use the token up").isEqualTo(200);
    }

    @Test
    void ofRacingResetsWithOneLinkExactlyOneSucceeds() throws Exception {
        String email = verifiedAccount();
        requestReset(email);
        ReceivedMail mail = ReceivedMail.of(awaitMails(email, 2).get(1));
        String body = body(mail.linkParameter("userId"), mail.linkParameter("token"), NEW_PASSWORD);
        CountDownLatch start = new CountDownLatch(1);

        List<Integer> statuses;
        try (ExecutorService racers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = IntStream.range(0, 4).mapToObj(i -> racers.submit(() -> {
                start.await();
                return http.post("/api/auth/resetPassword", body).status();
            })).toList();
            start.countDown();
            statuses = new java.util.ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
        }

        assertThat(statuses).containsExactlyInAnyOrder(200, 400, 400, 400);
    }

    @Test
    void theNewPasswordFollowsTheRegistrationRulesAndAFailedTryKeepsTheLink() {
        String email = verifiedAccount();
        requestReset(email);
        ReceivedMail mail = ReceivedMail.of(awaitMails(email, 2).get(1));
        String userId = mail.linkParameter("userId");
        String token = mail.linkParameter("token");

        Http.Response tooShort = resetPassword(userId, token, "short");
        Http.Response mismatch = http.post("/api/auth/resetPassword", """
                {"userId":"%s","token":"%s","password":"%s","confirm_password":"something-else"}"""
                .formatted(userId, token, NEW_PASSWORD));

        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("details").get(0).get("field").asString()).isEqualTo("password");
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().get("details").get(0).get("field").asString()).isEqualTo("confirm_password");
        assertThat(resetPassword(userId, token, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void malformedResetRequestsAreClearFourHundreds() {
        assertThat(http.post("/api/auth/requestPasswordReset", "{}").status()).isEqualTo(400);
        assertThat(http.post("/api/auth/requestPasswordReset", "{\"email\":{\"$gt\":\"\"}}").status()).isEqualTo(400);
        Http.Response noToken = http.post("/api/auth/resetPassword", "{\"userId\":\"not-an-id\",\"password\":\"x\"}");
        assertThat(noToken.status()).isEqualTo(400);
        assertThat(noToken.json().get("message").asString()).isEqualTo("Invalid or expired password reset token");
    }

    @Test
    void mailsToOneAddressStopAtTheLimitWhileTheAnswerStaysTheSame() {
        String email = verifiedAccount();
        String next = verifiedAccount();
        List<Http.Response> answers = List.of(requestReset(email), requestReset(email), requestReset(email),
                requestReset(email));

        assertThat(answers).extracting(Http.Response::body).containsOnly(answers.getFirst().body());
        requestReset(next);
        awaitMails(next, 2);
        // 1 verification + 3 reset mails (RESET_PASSWORD_MAX); the fourth request was answered, not mailed.
        assertThat(mailsTo(email)).hasSize(4);
    }

    private Http.Response requestReset(String email) {
        return http.post("/api/auth/requestPasswordReset", "{\"email\":\"" + email + "\"}");
    }

    private Http.Response resetPassword(String userId, String token, String password) {
        return http.post("/api/auth/resetPassword", body(userId, token, password));
    }

    private static String body(String userId, String token, String password) {
        return """
                {"userId":"%s","token":"%s","password":"%s","confirm_password":"%s"}""".formatted(userId, token, password, password);
    }

    /** A registered account whose address was verified through its mail. */
    private String verifiedAccount() {
        String email = uniqueEmail();
        assertThat(register(email).status()).isEqualTo(200);
        ReceivedMail mail = ReceivedMail.of(awaitMails(email, 1).getFirst());
        assertThat(http.post("/api/user/verify", """
                {"email":"%s","token":"%s"}""".formatted(mail.linkParameter("email"), mail.linkParameter("token")))
                .status()).isEqualTo(200);
        return email;
    }
}
