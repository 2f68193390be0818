package io.parley.auth.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.auth.login.SessionRevocation;
import io.parley.auth.password.PasswordHasher;
import io.parley.auth.user.Users;
import io.parley.common.test.Http;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The default auth-service, without e-mail, behaves as LibreChat does then: accounts start verified,
 * password reset is off unless allowed, and when allowed the link is the answer itself.
 */
class WithoutEmailIntegrationTest extends AuthIntegrationTest {

    @Autowired
    Users users;
    @Autowired
    PasswordHasher passwords;
    @Autowired
    AccountTokenStore tokens;
    @Autowired
    SessionRevocation sessions;
    @Autowired
    MailLimits limits;
    @Autowired
    AccountMails mails;
    @Autowired
    MailProperties properties;

    @Test
    void passwordResetIsRefusedUnlessAllowed() {
        String email = uniqueEmail();
        register(email);

        Http.Response request = http.post("/api/auth/requestPasswordReset", "{\"email\":\"" + email + "\"}");
        Http.Response reset = http.post("/api/auth/resetPassword", """
                {"userId":"0123456789abcdef01234567","token":"t","password":"Battery-Staple-42"}""");

        assertThat(request.status()).isEqualTo(403);
        assertThat(request.json().get("message").asString()).isEqualTo("Password reset is not allowed.");
        assertThat(reset.status()).isEqualTo(403);
    }

    @Test
    void accountsStartVerifiedAndResendSendsNothingButAnswersAlike() {
        String email = uniqueEmail();
        register(email);

        Http.Response signedIn = login(email, PASSWORD);
        Http.Response resend = http.post("/api/user/verify/resend", "{\"email\":\"" + email + "\"}");

        assertThat(signedIn.json().get("user").get("emailVerified").asBoolean()).isTrue();
        assertThat(resend.status()).isEqualTo(200);
        assertThat(resend.json().get("message").asString()).isEqualTo("Please check your email to verify your email address.");
        assertThat(http.post("/api/user/verify", "{\"email\":\"" + email + "\",\"token\":\"t\"}").status()).isEqualTo(400);
    }

    @Test
    void allowedWithoutEmailTheResetLinkIsTheAnswerAsInLibreChat() {
        PasswordReset allowed = new PasswordReset(users, passwords, tokens, sessions, new Outbox(null, "LibreChat"), limits,
                mails, properties, true, 8);
        String email = uniqueEmail();
        register(email);
        Http.Response before = login(email, PASSWORD);

        Optional<String> link = allowed.request("default", email);
        Optional<String> forUnknown = allowed.request("default", uniqueEmail());

        assertThat(forUnknown).isEmpty();
        assertThat(link).hasValueSatisfying(l -> assertThat(l).startsWith("http://localhost:3080/reset-password?token="));
        String query = URI.create(link.orElseThrow()).getQuery();
        String token = query.substring("token=".length(), query.indexOf("&userId="));
        String userId = query.substring(query.indexOf("&userId=") + "&userId=".length());
        allowed.reset("default", userId, token, "Battery-Staple-42", "Battery-Staple-42");
        assertThat(login(email, "Battery-Staple-42").status()).isEqualTo(200);
        assertThat(http.post("/api/auth/refresh", null, "Cookie", "refreshToken=" + before.cookie("refreshToken")).status())
                .isEqualTo(401);
    }
}
