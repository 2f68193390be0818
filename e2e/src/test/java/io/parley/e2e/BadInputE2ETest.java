package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.parley.common.test.Http;
import io.parley.common.test.Tokens;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Each bad request gets the right 4xx in Parley's JSON shape, and stores nothing. */
class BadInputE2ETest extends E2ETest {

    @Test
    void malformedMissingInjectedAndOverLongBodiesAre400AndStoreNothing() {
        String email = uniqueEmail();
        String[] bodies = {
                "{\"name\":\"End To End\",\"email\":",
                "{\"email\":\"" + email + "\"}",
                "{\"name\":\"End To End\",\"email\":{\"$gt\":\"\"},\"password\":\"Correct-Horse-9\",\"confirm_password\":\"Correct-Horse-9\"}",
                "{\"name\":\"" + "n".repeat(81) + "\",\"email\":\"" + email + "\",\"password\":\"Correct-Horse-9\",\"confirm_password\":\"Correct-Horse-9\"}",
                "{\"name\":\"End To End\",\"email\":\"" + email + "\",\"password\":\"" + "p".repeat(129) + "\",\"confirm_password\":\"" + "p".repeat(129) + "\"}"};
        for (String body : bodies) {
            Http.Response response = post("/api/auth/register", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json().get("error").asString()).isIn("invalid_json", "invalid_request");
            assertThat(response.json().get("message").asString()).isNotBlank();
            ip = ip.substring(0, ip.lastIndexOf('.') + 1) + (Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1)) % 254 + 1);
        }
        assertThat(login(email, PASSWORD).status()).as("no account was created").isEqualTo(401);
        assertThat(users(email)).isZero();
    }

    @Test
    void operatorInjectionIntoLoginIs400() {
        Http.Response response = post("/api/auth/login", "{\"email\":{\"$gt\":\"\"},\"password\":{\"$ne\":null}}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("invalid_request");
    }

    @Test
    void anOversizeBodyIs413() {
        Http.Response response = post("/api/auth/register", "{\"name\":\"" + "x".repeat(3 * 1024 * 1024 + 1) + "\"}");
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("error").asString()).isEqualTo("payload_too_large");
    }

    @Test
    void aWrongPasswordIs401() {
        String email = uniqueEmail();
        register(email);
        Http.Response response = login(email, "Wrong-Horse-9");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("message").asString()).isEqualTo("Incorrect email or password.");
        assertThat(response.setCookies("refreshToken")).isEmpty();
    }

    @Test
    void anUnknownRouteIs404() {
        String email = uniqueEmail();
        register(email);
        Http.Response response = get("/api/no-such-thing", "Authorization", bearer(login(email, PASSWORD)));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").asString()).isEqualTo("not_found");
    }

    @Test
    void expiredWronglySignedAndUnsignedTokensAre401() throws Exception {
        String email = uniqueEmail();
        register(email);
        Http.Response session = login(email, PASSWORD);
        String userId = session.json().at("/user/id").asString();
        ECKey realKey = signingKey();

        String expired = Tokens.sign(claims(userId, email, Instant.now().minusSeconds(120)), realKey);
        String wronglySigned = Tokens.sign(claims(userId, email, Instant.now().plusSeconds(600)),
                new ECKeyGenerator(Curve.P_256).keyID(realKey.getKeyID()).generate());
        String valid = Tokens.sign(claims(userId, email, Instant.now().plusSeconds(600)), realKey);
        String unsigned = Tokens.unsigned(valid);

        assertThat(get("/api/user", "Authorization", "Bearer " + valid).status()).as("control: the real key works").isEqualTo(200);
        for (String token : new String[] {expired, wronglySigned, unsigned}) {
            Http.Response response = get("/api/user", "Authorization", "Bearer " + token);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.json().get("error").asString()).isEqualTo("unauthorized");
        }
    }

    private static JWTClaimsSet claims(String userId, String email, Instant expiry) {
        return new JWTClaimsSet.Builder().subject(userId).claim("id", userId).claim("email", email).claim("tenant", "default")
                .claim("role", "USER").claim("provider", "local").issuer("parley").audience("parley-api")
                .issueTime(Date.from(Instant.now().minusSeconds(1800))).expirationTime(Date.from(expiry)).build();
    }

    /** The installation's signing key, read from auth-service's store as an operator could. */
    private static ECKey signingKey() throws Exception {
        try (MongoClient client = MongoClients.create(ParleySystem.authStore())) {
            Document key = client.getDatabase("parley_auth").getCollection("signing_keys").find()
                    .sort(new Document("createdAt", -1)).first();
            return ECKey.parse(key.getString("jwk"));
        }
    }

    private static long users(String email) {
        try (MongoClient client = MongoClients.create(ParleySystem.authStore())) {
            return client.getDatabase("parley_auth").getCollection("users").countDocuments(new Document("email", email));
        }
    }
}
