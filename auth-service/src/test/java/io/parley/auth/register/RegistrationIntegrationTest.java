package io.parley.auth.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

class RegistrationIntegrationTest extends AuthIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void firstUserOfATenantIsAdminAndTheNextAreUsers() {
        String tenant = uniqueTenant();
        String first = uniqueEmail();
        String second = uniqueEmail();
        assertThat(register(first, "X-Parley-Tenant", tenant).status()).isEqualTo(200);
        assertThat(register(second, "X-Parley-Tenant", tenant).status()).isEqualTo(200);

        assertThat(login(first, PASSWORD, "X-Parley-Tenant", tenant).json().at("/user/role").asString()).isEqualTo("ADMIN");
        assertThat(login(second, PASSWORD, "X-Parley-Tenant", tenant).json().at("/user/role").asString()).isEqualTo("USER");
    }

    @Test
    void aTakenEmailGetsTheSameAnswerAndChangesNothing() {
        String email = uniqueEmail();
        Http.Response created = register(email);
        Http.Response again = http.post("/api/auth/register", """
                {"name":"Someone Else","email":"%s","password":"Another-Pass-1","confirm_password":"Another-Pass-1"}"""
                .formatted(email.toUpperCase()));

        assertThat(again.status()).isEqualTo(created.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(created.body());
        assertThat(usersWith(email)).isEqualTo(1);
        assertThat(login(email, PASSWORD).status()).isEqualTo(200);
        assertThat(login(email, "Another-Pass-1").status()).isEqualTo(401);
    }

    @Test
    void theSameEmailMayRegisterInAnotherTenant() {
        String email = uniqueEmail();
        register(email);
        register(email, "X-Parley-Tenant", uniqueTenant());
        assertThat(usersWith(email)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"No\",\"email\":\"%s\",\"password\":\"Correct-Horse-9\",\"confirm_password\":\"Correct-Horse-9\"}",
            "{\"name\":\"Test Person\",\"email\":\"not-an-email\",\"password\":\"Correct-Horse-9\",\"confirm_password\":\"Correct-Horse-9\"}",
            "{\"name\":\"Test Person\",\"email\":\"%s\",\"password\":\"short\",\"confirm_password\":\"short\"}",
            "{\"name\":\"Test Person\",\"email\":\"%s\",\"password\":\"Correct-Horse-9\",\"confirm_password\":\"Correct-Horse-8\"}",
            "{\"name\":\"Test Person\",\"email\":\"%s\",\"password\":\"          \",\"confirm_password\":\"          \"}",
            "{\"name\":\"Test Person\",\"username\":\"a{$ne:1}\",\"email\":\"%s\",\"password\":\"Correct-Horse-9\",\"confirm_password\":\"Correct-Horse-9\"}",
            "{\"email\":\"%s\"}",
            "{}"})
    void invalidRegistrationsAre400AndStoreNothing(String template) {
        String email = uniqueEmail();
        Http.Response response = http.post("/api/auth/register", template.replace("%s", email));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("invalid_request");
        assertThat(response.json().get("message").asString()).isNotBlank();
        assertThat(response.json().get("details").isArray()).isTrue();
        assertThat(usersWith(email)).isZero();
    }

    @Test
    void overLongValuesAreRefused() {
        String email = uniqueEmail();
        String longName = "n".repeat(81);
        String longPassword = "p".repeat(129);
        assertThat(http.post("/api/auth/register", """
                {"name":"%s","email":"%s","password":"%s","confirm_password":"%s"}""".formatted(longName, email, PASSWORD, PASSWORD))
                .status()).isEqualTo(400);
        assertThat(http.post("/api/auth/register", """
                {"name":"Test Person","email":"%s","password":"%s","confirm_password":"%s"}""".formatted(email, longPassword, longPassword))
                .status()).isEqualTo(400);
        assertThat(http.post("/api/auth/register", """
                {"name":"Test Person","email":"%s@example.com","password":"%s","confirm_password":"%s"}""".formatted("e".repeat(250), PASSWORD, PASSWORD))
                .status()).isEqualTo(400);
        assertThat(usersWith(email)).isZero();
    }

    @Test
    void operatorObjectsInFieldsAre400NotAQuery() {
        Http.Response response = http.post("/api/auth/register",
                "{\"name\":\"Test Person\",\"email\":{\"$gt\":\"\"},\"password\":\"Correct-Horse-9\",\"confirm_password\":\"Correct-Horse-9\"}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("message").asString()).contains("email");
    }

    @Test
    void malformedJsonIs400() {
        Http.Response response = http.post("/api/auth/register", "{\"name\":");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("invalid_json");
    }

    @Test
    void storesAnArgon2HashNeverThePassword() {
        String email = uniqueEmail();
        register(email);
        String hash = mongo.findOne(Query.query(Criteria.where("email").is(email)), org.bson.Document.class, "users")
                .getString("password");
        assertThat(hash).startsWith("$argon2id$").doesNotContain(PASSWORD);
    }

    private long usersWith(String email) {
        return mongo.count(Query.query(Criteria.where("email").is(email.toLowerCase())), "users");
    }
}
