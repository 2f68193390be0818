package io.parley.auth.twofa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.common.error.ApiException;
import io.parley.common.test.Http;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** LibreChat's 2FA routes for a signed-in person: enable, confirm, verify, disable, backup/regenerate. */
class TwoFactorEnrolmentIntegrationTest extends TwoFactorIntegrationTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    TwoFactor twoFactor;

    @Test
    void enableAnswersAnOtpauthUrlTenBackupCodesAndAQrCodeAndChangesNothingUntilConfirmed() throws Exception {
        Person person = person();
        Http.Response enabled = post(person, "/api/auth/2fa/enable", "{}");

        assertThat(enabled.status()).isEqualTo(200);
        String url = enabled.json().get("otpauthUrl").asString();
        assertThat(url).matches("otpauth://totp/LibreChat:" + person.email().replace(".", "\\.")
                + "\\?secret=[A-Z2-7]{32}&issuer=LibreChat");
        assertThat(enabled.json().get("backupCodes")).hasSize(10).allMatch(c -> c.asString().matches("[0-9a-f]{8}"));
        assertThat(QrCodeTest.read(enabled.json().get("qrCode").asString())).isEqualTo(url);
        assertThat(user(person).get("twoFactorEnabled").asBoolean()).isFalse();
        assertThat(login(person.email(), PASSWORD).json().has("token")).as("not active before confirm").isTrue();

        AuthenticatorApp app = AuthenticatorApp.enrol(url);
        Http.Response confirmed = post(person, "/api/auth/2fa/confirm", code(app.code(0)));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).isEmpty();
        assertThat(user(person).get("twoFactorEnabled").asBoolean()).isTrue();
        assertThat(login(person.email(), PASSWORD).json().get("twoFAPending").asBoolean()).isTrue();
    }

    @Test
    void getEnableAsInTheSeedEnrolsToo() throws Exception {
        Person person = person();
        Http.Response enabled = http.get("/api/auth/2fa/enable", "Authorization", person.bearer());

        assertThat(enabled.status()).isEqualTo(200);
        String url = enabled.json().get("otpauthUrl").asString();
        assertThat(QrCodeTest.read(enabled.json().get("qrCode").asString())).isEqualTo(url);
        assertThat(post(person, "/api/auth/2fa/confirm", code(AuthenticatorApp.enrol(url).code(0))).status()).isEqualTo(200);
        assertThat(http.get("/api/auth/2fa/enable", "Authorization", person.bearer()).status())
                .as("re-enrolling takes a code, which a GET has no body for").isEqualTo(400);
    }

    @Test
    void everyRouteButVerifyTempNeedsAnAccessToken() {
        for (String path : List.of("/api/auth/2fa/enable", "/api/auth/2fa/verify", "/api/auth/2fa/confirm",
                "/api/auth/2fa/disable", "/api/auth/2fa/backup/regenerate")) {
            assertThat(http.post(path, "{}").status()).as(path).isEqualTo(401);
        }
    }

    @Test
    void confirmWithoutAnEnrolmentOrWithAWrongCodeIs400() {
        Person person = person();
        Http.Response notInitiated = post(person, "/api/auth/2fa/confirm", code("123456"));
        assertThat(notInitiated.status()).isEqualTo(400);
        assertThat(message(notInitiated)).isEqualTo("2FA not initiated");

        AuthenticatorApp app = AuthenticatorApp.enrol(post(person, "/api/auth/2fa/enable", null).json().get("otpauthUrl").asString());
        Http.Response wrong = post(person, "/api/auth/2fa/confirm", code(app.wrongCode()));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(message(wrong)).isEqualTo("Invalid token.");
        assertThat(post(person, "/api/auth/2fa/confirm", null).status()).isEqualTo(400);
        assertThat(user(person).get("twoFactorEnabled").asBoolean()).isFalse();
    }

    @Test
    void libreChatsClientVerifiesThenConfirmsWithTheSameCode() {
        Person person = person();
        AuthenticatorApp app = AuthenticatorApp.enrol(post(person, "/api/auth/2fa/enable", "{}").json().get("otpauthUrl").asString());
        String code = app.code(0);

        assertThat(post(person, "/api/auth/2fa/verify", code(code)).status()).isEqualTo(200);
        assertThat(post(person, "/api/auth/2fa/confirm", code(code)).status()).isEqualTo(200);
        assertThat(user(person).get("twoFactorEnabled").asBoolean()).isTrue();
        assertThat(message(post(person, "/api/auth/2fa/verify", code(code)))).as("used up once active").isEqualTo("Invalid token.");
    }

    @Test
    void verifyChecksTheActiveEnrolmentAndUsesEachCodeUp() {
        Person nobody = person();
        assertThat(message(post(nobody, "/api/auth/2fa/verify", code("123456")))).isEqualTo("2FA not initiated");

        Person person = enrolled();
        String fresh = person.app().code(1);
        Http.Response verified = post(person, "/api/auth/2fa/verify", code(fresh));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body()).isEmpty();
        assertThat(post(person, "/api/auth/2fa/verify", code(fresh)).status()).isEqualTo(400);
        assertThat(post(person, "/api/auth/2fa/verify", backup(person.backupCode(0))).status()).isEqualTo(200);
        assertThat(post(person, "/api/auth/2fa/verify", backup(person.backupCode(0))).status()).isEqualTo(400);
    }

    @Test
    void reEnrollingTakesACodeOfTheCurrentEnrolmentWhichSignsInUntilTheNewOneIsConfirmed() {
        Person person = enrolled();
        Http.Response missing = post(person, "/api/auth/2fa/enable", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(message(missing)).isEqualTo("TOTP token or backup code is required to re-enroll 2FA");
        Http.Response wrong = post(person, "/api/auth/2fa/enable", code(person.app().wrongCode()));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(message(wrong)).isEqualTo("Invalid token or backup code");

        Http.Response again = post(person, "/api/auth/2fa/enable", backup(person.backupCode(0)));
        assertThat(again.status()).isEqualTo(200);
        AuthenticatorApp newApp = AuthenticatorApp.enrol(again.json().get("otpauthUrl").asString());
        assertThat(newApp.base32Secret).isNotEqualTo(person.app().base32Secret);
        assertThat(verifyTemp(tempToken(person), "token", newApp.code(0)).status()).as("not active yet").isEqualTo(401);
        assertThat(verifyTemp(tempToken(person), "backupCode", person.backupCode(1)).status()).isEqualTo(200);

        assertThat(post(person, "/api/auth/2fa/confirm", code(newApp.code(0))).status()).isEqualTo(200);
        assertThat(verifyTemp(tempToken(person), "backupCode", person.backupCode(2)).status()).as("old codes are gone")
                .isEqualTo(401);
        assertThat(verifyTemp(tempToken(person), "token", newApp.code(1)).status()).isEqualTo(200);
        assertThat(verifyTemp(tempToken(person), "backupCode", again.json().get("backupCodes").get(0).asString()).status())
                .isEqualTo(200);
    }

    @Test
    void disableTakesACodeThenLoginIsOneStepAgain() {
        Person person = enrolled();
        Http.Response missing = post(person, "/api/auth/2fa/disable", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(message(missing)).isEqualTo("Either token or backup code is required to disable 2FA");
        assertThat(message(post(person, "/api/auth/2fa/disable", backup("00000000")))).isEqualTo("Invalid token or backup code");

        Http.Response disabled = post(person, "/api/auth/2fa/disable", code(person.app().code(1)));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.body()).isEmpty();
        assertThat(user(person).get("twoFactorEnabled").asBoolean()).isFalse();
        assertThat(login(person.email(), PASSWORD).json().has("token")).isTrue();
        assertThat(mongo.exists(Query.query(Criteria.where("userId").is(person.id())), "two_factor")).isFalse();
        assertThat(post(person, "/api/auth/2fa/disable", null).status()).as("nothing left to disable").isEqualTo(200);
    }

    @Test
    void regenerateTakesACodeAndReplacesTheBackupCodes() {
        Person nobody = person();
        assertThat(message(post(nobody, "/api/auth/2fa/backup/regenerate", "{}"))).isEqualTo("2FA not initiated");

        Person person = enrolled();
        Http.Response missing = post(person, "/api/auth/2fa/backup/regenerate", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(message(missing)).isEqualTo("TOTP token or backup code is required to regenerate backup codes");

        Http.Response regenerated = post(person, "/api/auth/2fa/backup/regenerate", backup(person.backupCode(0)));
        assertThat(regenerated.status()).isEqualTo(200);
        JsonNode codes = regenerated.json().get("backupCodes");
        assertThat(codes).hasSize(10).allMatch(c -> c.asString().matches("[0-9a-f]{8}"));
        assertThat(regenerated.json().get("backupCodesHash")).hasSize(10).allSatisfy(entry -> {
            assertThat(entry.get("codeHash").asString()).startsWith("pbkdf2-sha256$");
            assertThat(entry.get("used").asBoolean()).isFalse();
            assertThat(entry.get("usedAt").isNull()).isTrue();
        });
        assertThat(verifyTemp(tempToken(person), "backupCode", person.backupCode(1)).status()).isEqualTo(401);
        assertThat(verifyTemp(tempToken(person), "backupCode", codes.get(9).asString()).status()).isEqualTo(200);
    }

    @Test
    void theSecretIsSealedAtRestAndTheBackupCodesAreSaltedHashes() throws Exception {
        Person person = enrolled();
        Document stored = mongo.findOne(Query.query(Criteria.where("userId").is(person.id())), Document.class, "two_factor");
        Document active = stored.get("active", Document.class);

        byte[] sealed = active.get("secret", Binary.class).getData();
        assertThat(HexFormat.of().formatHex(sealed)).doesNotContain(HexFormat.of().formatHex(person.app().secret()));
        assertThat(stored.toJson()).doesNotContain(person.app().base32Secret);
        List<Document> codes = active.getList("backupCodes", Document.class);
        assertThat(codes).hasSize(10);
        for (int i = 0; i < 10; i++) {
            String hash = codes.get(i).getString("codeHash");
            assertThat(hash).doesNotContain(person.backupCode(i)).isNotEqualTo(sha256(person.backupCode(i)));
        }
        assertThat(codes.stream().map(c -> c.getString("codeHash").split("\\$")[2]).distinct()).as("a salt each").hasSize(10);

        Document user = mongo.findOne(Query.query(Criteria.where("_id").is(new ObjectId(person.id()))), Document.class, "users");
        assertThat(user.getBoolean("twoFactorEnabled")).isTrue();
        assertThat(user.keySet()).doesNotContain("totpSecret", "backupCodes", "pendingTotpSecret");
    }

    @Test
    void verifyIfEnabledGuardsAnActionForPeopleWith2faOnly() {
        Person without = person();
        twoFactor.verifyIfEnabled("default", without.id(), null, null);

        Person person = enrolled();
        assertThatThrownBy(() -> twoFactor.verifyIfEnabled("default", person.id(), null, " "))
                .isInstanceOfSatisfying(ApiException.Invalid.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> twoFactor.verifyIfEnabled("default", person.id(), person.app().wrongCode(), null))
                .isInstanceOfSatisfying(ApiException.Unauthorized.class,
                        e -> assertThat(e.getMessage()).isEqualTo("Invalid token or backup code"));
        twoFactor.verifyIfEnabled("default", person.id(), null, person.backupCode(5));
        assertThatThrownBy(() -> twoFactor.verifyIfEnabled("default", person.id(), null, person.backupCode(5)))
                .as("used up").isInstanceOf(ApiException.Unauthorized.class);
        assertThatCode(() -> twoFactor.verifyIfEnabled(uniqueTenant(), person.id(), null, null))
                .as("another tenant's user of that id has no 2FA").doesNotThrowAnyException();
    }

    @Test
    void forgetRemovesTheRecordOfADeletedAccount() {
        Person person = enrolled();
        twoFactor.forget("default", person.id());

        assertThat(mongo.exists(Query.query(Criteria.where("userId").is(person.id())), "two_factor")).isFalse();
        assertThat(twoFactor.enabled("default", person.id())).isFalse();
        twoFactor.forget("default", person.id());
    }

    private JsonNode user(Person person) {
        return http.get("/api/user", "Authorization", person.bearer()).json();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
