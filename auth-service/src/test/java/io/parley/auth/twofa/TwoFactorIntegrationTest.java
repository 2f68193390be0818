package io.parley.auth.twofa;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import java.util.ArrayList;
import java.util.List;

/** A signed-in person and what they enrolled, over real HTTP against the shared auth-service. */
abstract class TwoFactorIntegrationTest extends AuthIntegrationTest {

    /**
     * @param token       an access token of the person
     * @param app         the authenticator app enrolled from the otpauth URL (null before enrolment)
     * @param backupCodes the codes shown at enrolment
     */
    record Person(String email, String token, String id, AuthenticatorApp app, List<String> backupCodes) {

        String bearer() {
            return "Bearer " + token;
        }

        String backupCode(int i) {
            return backupCodes.get(i);
        }
    }

    /** Registered and signed in, no 2FA. */
    Person person() {
        Http.Response session = signedIn();
        assertThat(session.status()).isEqualTo(200);
        return new Person(session.json().at("/user/email").asString(), session.json().get("token").asString(),
                session.json().at("/user/id").asString(), null, List.of());
    }

    /** With 2FA on: enrolled and confirmed with the code of the current time step (so that step is used). */
    Person enrolled() {
        Person person = person();
        Http.Response enabled = post(person, "/api/auth/2fa/enable", "{}");
        assertThat(enabled.status()).isEqualTo(200);
        AuthenticatorApp app = AuthenticatorApp.enrol(enabled.json().get("otpauthUrl").asString());
        List<String> codes = new ArrayList<>();
        enabled.json().get("backupCodes").forEach(c -> codes.add(c.asString()));
        assertThat(post(person, "/api/auth/2fa/confirm", code(app.code(0))).status()).isEqualTo(200);
        return new Person(person.email(), person.token(), person.id(), app, codes);
    }

    Http.Response post(Person person, String path, String body) {
        return http.post(path, body, "Authorization", person.bearer());
    }

    /** A login of a person with 2FA: the temp token. */
    String tempToken(Person person) {
        Http.Response login = login(person.email(), PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("twoFAPending").asBoolean()).isTrue();
        return login.json().get("tempToken").asString();
    }

    Http.Response verifyTemp(String tempToken, String codeField, String code, String... headers) {
        return http.post("/api/auth/2fa/verify-temp", """
                {"tempToken":"%s","%s":"%s"}""".formatted(tempToken, codeField, code), headers);
    }

    static String code(String token) {
        return "{\"token\":\"" + token + "\"}";
    }

    static String backup(String backupCode) {
        return "{\"backupCode\":\"" + backupCode + "\"}";
    }

    static String message(Http.Response response) {
        return response.json().get("message").asString();
    }
}
