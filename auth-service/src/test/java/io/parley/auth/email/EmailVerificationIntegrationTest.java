package io.parley.auth.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.parley.common.test.Http;
import io.parley.proto.auth.v1.AuthSettingsGrpc;
import io.parley.proto.auth.v1.GetPublicConfigRequest;
import io.parley.proto.auth.v1.GetPublicConfigResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** LibreChat's e-mail verification with e-mail configured and {@code ALLOW_UNVERIFIED_EMAIL_LOGIN} off. */
class EmailVerificationIntegrationTest extends EmailIntegrationTest {

    @Test
    void registrationMailsALinkAndOnlyTheVerifiedAddressSignsIn() {
        String email = uniqueEmail();
        Http.Response registered = register(email);
        ReceivedMail mail = ReceivedMail.of(awaitMails(email, 1).getFirst());

        Http.Response beforeVerifying = login(email, PASSWORD);
        Http.Response verified = verify(mail.linkParameter("email"), mail.linkParameter("token"));
        Http.Response afterVerifying = login(email, PASSWORD);

        assertThat(registered.json().get("message").asString()).isEqualTo("Please check your email to verify your email address.");
        assertThat(mail.subject()).isEqualTo("Verify your email");
        assertThat(mail.link()).startsWith(CLIENT + "/verify?token=").endsWith("&email=" + email.replace("@", "%40"));
        assertThat(beforeVerifying.status()).isEqualTo(422);
        assertThat(beforeVerifying.json().get("message").asString()).isEqualTo("Email not verified.");
        assertThat(beforeVerifying.cookie("refreshToken")).isNull();
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body()).contains("\"message\":\"Email verification was successful\"", "\"status\":\"success\"");
        assertThat(afterVerifying.status()).isEqualTo(200);
        assertThat(afterVerifying.json().get("user").get("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void aWrongPasswordIsNotToldTheAddressIsUnverified() {
        String email = uniqueEmail();
        register(email);

        assertThat(login(email, "Wrong-Password-1").status()).isEqualTo(401);
    }

    @Test
    void followingTheLinkAgainSaysTheAddressIsVerifiedAndAnyOtherTokenIsRefused() {
        String email = uniqueEmail();
        register(email);
        ReceivedMail mail = ReceivedMail.of(awaitMails(email, 1).getFirst());
        String token = mail.linkParameter("token");
        verify(email, token);

        Http.Response again = verify(email, token);
        Http.Response wrongToken = verify(email, "x".repeat(43));
        Http.Response otherAddress = verify(uniqueEmail(), token);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("message").asString()).isEqualTo("Email already verified");
        assertThat(wrongToken.status()).isEqualTo(400);
        assertThat(wrongToken.json().get("message").asString()).isEqualTo("Invalid or expired email verification token");
        assertThat(otherAddress.status()).isEqualTo(400);
    }

    @Test
    void resendAnswersAlikeForEveryAddressAndMailsOnlyAnUnverifiedAccount() {
        String unverified = uniqueEmail();
        register(unverified);
        awaitMails(unverified, 1);
        String unknown = uniqueEmail();

        Http.Response forUnknown = resend(unknown);
        Http.Response forUnverified = resend(unverified);

        assertThat(forUnknown.status()).isEqualTo(200);
        assertThat(forUnverified.body()).isEqualTo(forUnknown.body())
                .isEqualTo("{\"message\":\"Please check your email to verify your email address.\"}");
        ReceivedMail second = ReceivedMail.of(awaitMails(unverified, 2).get(1));
        assertThat(mailsTo(unknown)).isEmpty();
        ReceivedMail first = ReceivedMail.of(mailsTo(unverified).getFirst());
        assertThat(verify(unverified, first.linkParameter("token")).status()).as("replaced by the resent link").isEqualTo(400);
        assertThat(verify(unverified, second.linkParameter("token")).status()).isEqualTo(200);
        assertThat(resend(unverified).status()).isEqualTo(200);
        String marker = uniqueEmail();
        register(marker);
        awaitMails(marker, 1);
        assertThat(mailsTo(unverified)).as("nothing more for a verified address").hasSize(2);
    }

    @Test
    void theSpecificationsVerifyEmailRouteResendsWithoutATokenAndVerifiesWithOne() {
        String email = uniqueEmail();
        register(email);
        awaitMails(email, 1);

        assertThat(http.post("/api/user/verify-email", "{\"email\":\"" + email + "\"}").status()).isEqualTo(200);
        ReceivedMail resent = ReceivedMail.of(awaitMails(email, 2).get(1));
        Http.Response verified = http.post("/api/user/verify-email", """
                {"email":"%s","token":"%s"}""".formatted(email, resent.linkParameter("token")));

        assertThat(verified.status()).isEqualTo(200);
        assertThat(login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theVerifyRoutesNeedNoTokenAndIgnoreAStaleOne() {
        Http.Response response = http.post("/api/user/verify/resend", "{\"email\":\"" + uniqueEmail() + "\"}",
                "Authorization", "Bearer expired.or.garbage");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void theSignInFlagsTellTheClientThatMailAndPasswordResetAreOn() {
        GetPublicConfigResponse config;
        ManagedChannel channel = grpcChannel();
        try {
            config = AuthSettingsGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getPublicConfig(GetPublicConfigRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow();
        }

        assertThat(config.getEmailEnabled()).isTrue();
        assertThat(config.getPasswordResetEnabled()).isTrue();
    }

    private Http.Response verify(String email, String token) {
        return http.post("/api/user/verify", """
                {"email":"%s","token":"%s"}""".formatted(email, token));
    }

    private Http.Response resend(String email) {
        return http.post("/api/user/verify/resend", "{\"email\":\"" + email + "\"}");
    }
}
