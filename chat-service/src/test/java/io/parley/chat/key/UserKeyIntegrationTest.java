package io.parley.chat.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.common.test.Http;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class UserKeyIntegrationTest extends ChatIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "sk-test-0123456789abcdefSECRET";

    @Autowired
    UserKeys userKeys;

    @Autowired
    MongoTemplate mongo;

    @Test
    void savesReportsTheExpiryOfAndDeletesAKey() {
        Person ada = person();
        Instant expiresAt = Instant.now().plus(Duration.ofHours(12)).truncatedTo(ChronoUnit.MILLIS);

        Http.Response saved = put(ada, "openAI", SECRET, "\"" + expiresAt + "\"");
        assertThat(saved.status()).isEqualTo(201);
        assertThat(saved.body()).isEmpty();
        assertThat(expiry(ada, "openAI")).isEqualTo(UserKeys.iso(expiresAt));
        assertThat(userKeys.require(user(ada), "openAI")).isEqualTo(SECRET);

        assertThat(put(ada, "openAI", "sk-replaced", "null").status()).isEqualTo(201);
        assertThat(expiry(ada, "openAI")).as("saved again without expiry").isEqualTo("never");
        assertThat(userKeys.find(user(ada), "openAI")).hasValueSatisfying(key -> {
            assertThat(key.value()).isEqualTo("sk-replaced");
            assertThat(key.expiresAt()).isNull();
        });
        assertThat(put(ada, "openAI", "sk-replaced", "\"\"").status()).as("LibreChat's client sends \"\" for never").isEqualTo(201);
        assertThat(expiry(ada, "openAI")).isEqualTo("never");

        assertThat(send(ada, "DELETE", "/api/keys/openAI", null).status()).isEqualTo(204);
        assertThat(get(ada, "/api/keys?name=openAI").json().get("expiresAt").isNull()).isTrue();
        assertThat(userKeys.find(user(ada), "openAI")).isEmpty();
        assertThat(send(ada, "DELETE", "/api/keys/openAI", null).status()).as("deleting nothing is no error").isEqualTo(204);
    }

    @Test
    void deletingAllNeedsAllTrue() {
        Person ada = person();
        put(ada, "openAI", SECRET, null);
        put(ada, "My Custom Endpoint", "{\"apiKey\":\"k\",\"baseURL\":\"https://llm.example.com/v1\"}", null);

        Http.Response refused = send(ada, "DELETE", "/api/keys", null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asString()).isEqualTo("Specify either all=true to delete.");
        assertThat(refused.json().get("error").asString()).isEqualTo("invalid_request");
        assertThat(send(ada, "DELETE", "/api/keys?all=yes", null).status()).isEqualTo(400);
        assertThat(expiry(ada, "openAI")).isEqualTo("never");

        assertThat(send(ada, "DELETE", "/api/keys?all=true", null).status()).isEqualTo(204);
        assertThat(get(ada, "/api/keys?name=openAI").json().get("expiresAt").isNull()).isTrue();
        assertThat(get(ada, "/api/keys?name=My%20Custom%20Endpoint").json().get("expiresAt").isNull()).isTrue();
        assertThat(rows(ada)).isEmpty();
    }

    @Test
    void theValueIsNeverReturned() {
        Person ada = person();
        List<Http.Response> responses = List.of(
                put(ada, "openAI", SECRET, null),
                get(ada, "/api/keys?name=openAI"),
                put(ada, "openAI", SECRET, "\"yesterday\""),
                put(ada, "anthropic", SECRET + "x".repeat(UserKeys.MAX_VALUE_BYTES), null),
                send(ada, "DELETE", "/api/keys", null),
                send(ada, "DELETE", "/api/keys/openAI", null));
        assertThat(responses).extracting(Http.Response::body).noneMatch(body -> body.contains(SECRET));
        assertThat(get(ada, "/api/keys?name=openAI").json().properties()).extracting(Map.Entry::getKey).containsExactly("expiresAt");
    }

    @Test
    void theValueIsStoredEncrypted() {
        Person ada = person();
        String custom = "{\"apiKey\":\"" + SECRET + "\",\"baseURL\":\"https://llm.example.com/v1\"}";
        put(ada, "openAI", SECRET, null);
        put(ada, "custom", custom, null);

        List<Document> rows = rows(ada);
        assertThat(rows).hasSize(2);
        for (Document row : rows) {
            assertThat(row.get("value")).isInstanceOf(Binary.class);
            assertThat(row.toJson()).doesNotContain(SECRET).doesNotContain("llm.example.com");
            assertThat(new String(((Binary) row.get("value")).getData(), StandardCharsets.ISO_8859_1))
                    .doesNotContain(SECRET);
        }
        assertThat(userKeys.require(user(ada), "custom")).isEqualTo(custom);

        put(ada, "again", SECRET, null);
        assertThat(row(ada, "again").get("value", Binary.class).getData())
                .as("a random IV per value").isNotEqualTo(row(ada, "openAI").get("value", Binary.class).getData());
    }

    @Test
    void anotherUserNeitherSeesNorDeletesTheKey() {
        Person ada = person();
        Person bob = person();
        assertIsolated(ada, bob);
    }

    @Test
    void theSameUserIdInAnotherTenantNeitherSeesNorDeletesTheKey() {
        Person ada = person("acme");
        Person twin = person(ada.id(), "globex");
        assertIsolated(ada, twin);
    }

    private void assertIsolated(Person owner, Person other) {
        put(owner, "openAI", SECRET, null);

        assertThat(get(other, "/api/keys?name=openAI").json().get("expiresAt").isNull()).isTrue();
        assertThat(userKeys.find(user(other), "openAI")).isEmpty();
        assertThat(send(other, "DELETE", "/api/keys/openAI", null).status()).isEqualTo(204);
        assertThat(send(other, "DELETE", "/api/keys?all=true", null).status()).isEqualTo(204);
        put(other, "openAI", "the other's own", null);
        send(other, "DELETE", "/api/keys/openAI", null);

        assertThat(expiry(owner, "openAI")).isEqualTo("never");
        assertThat(userKeys.require(user(owner), "openAI")).isEqualTo(SECRET);
    }

    @Test
    void requireGivesLibreChatsErrorForAMissingKey() {
        Person ada = person();
        assertThatThrownBy(() -> userKeys.require(user(ada), "openAI"))
                .isInstanceOfSatisfying(ApiException.Invalid.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("{\"type\":\"no_user_key\"}");
                });
    }

    @Test
    void requireGivesLibreChatsErrorForAnExpiredKey() {
        Person ada = person();
        put(ada, "google", SECRET, "\"" + Instant.now().plus(Duration.ofDays(1)) + "\"");
        Instant past = Instant.parse("2024-03-01T10:15:30.123Z");
        mongo.updateFirst(Query.query(Criteria.where("tenantId").is(ada.tenant()).and("user").is(ada.id()).and("name").is("google")),
                new Update().set("expiresAt", Date.from(past)), UserKeyStore.COLLECTION);

        assertThatThrownBy(() -> userKeys.require(user(ada), "google"))
                .isInstanceOfSatisfying(ApiException.Invalid.class, e -> {
                    JsonNode error = Http.parse(e.getMessage());
                    assertThat(error.get("type").asString()).isEqualTo("expired_user_key");
                    assertThat(error.get("expiredAt").asString()).isEqualTo("2024-03-01T10:15:30.123Z");
                    assertThat(error.get("endpoint").asString()).isEqualTo("google");
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                });
        assertThat(userKeys.find(user(ada), "google")).as("find still returns it, with its expiry")
                .hasValueSatisfying(key -> assertThat(key.expiresAt()).isEqualTo(past));
        assertThat(expiry(ada, "google")).as("as LibreChat, until the row is cleaned up").isEqualTo("2024-03-01T10:15:30.123Z");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aValueMovedToAnotherRowDoesNotDecryptAndCountsAsNoKey(CapturedOutput output) {
        Person ada = person();
        Person bob = person();
        put(ada, "openAI", SECRET, null);
        put(bob, "openAI", "bob's own key", null);
        put(ada, "anthropic", "ada's other key", null);
        Binary adas = row(ada, "openAI").get("value", Binary.class);

        mongo.updateFirst(Query.query(Criteria.where("tenantId").is(bob.tenant()).and("user").is(bob.id()).and("name").is("openAI")),
                new Update().set("value", adas), UserKeyStore.COLLECTION);
        mongo.updateFirst(Query.query(Criteria.where("tenantId").is(ada.tenant()).and("user").is(ada.id()).and("name").is("anthropic")),
                new Update().set("value", adas), UserKeyStore.COLLECTION);

        assertThat(userKeys.find(user(bob), "openAI")).isEmpty();
        assertThat(userKeys.find(user(ada), "anthropic")).as("another endpoint of the same user").isEmpty();
        assertThatThrownBy(() -> userKeys.require(user(bob), "openAI")).hasMessage("{\"type\":\"no_user_key\"}");
        assertThat(userKeys.require(user(ada), "openAI")).isEqualTo(SECRET);

        assertThat(output.getAll()).contains("does not decrypt").contains("user_id=" + bob.id()).contains("endpoint=openAI")
                .doesNotContain(SECRET).doesNotContain("bob's own key")
                .doesNotContain(Base64.getEncoder().encodeToString(adas.getData()));
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        Person ada = person();
        String future = "\"" + Instant.now().plus(Duration.ofDays(1)) + "\"";
        List<String> bodies = List.of(
                "{\"value\":\"k\"}",
                "{\"name\":\"\",\"value\":\"k\"}",
                "{\"name\":\"   \",\"value\":\"k\"}",
                "{\"name\":\"" + "n".repeat(UserKeys.MAX_NAME + 1) + "\",\"value\":\"k\"}",
                "{\"name\":\"openAI\"}",
                "{\"name\":\"openAI\",\"value\":\"\"}",
                "{\"name\":\"openAI\",\"value\":\"  \\n \"}",
                "{\"name\":\"openAI\",\"value\":{\"$gt\":\"\"}}",
                "{\"name\":{\"$ne\":null},\"value\":\"k\"}",
                "{\"name\":\"openAI\",\"value\":\"" + "k".repeat(UserKeys.MAX_VALUE_BYTES + 1) + "\"}",
                "{\"name\":\"openAI\",\"value\":\"" + "€".repeat(UserKeys.MAX_VALUE_BYTES / 3 + 1) + "\"}",
                "{\"name\":\"openAI\",\"value\":\"k\",\"expiresAt\":\"tomorrow\"}",
                "{\"name\":\"openAI\",\"value\":\"k\",\"expiresAt\":\"2030-02-30T00:00:00Z\"}",
                "{\"name\":\"openAI\",\"value\":\"k\",\"expiresAt\":\"2020-01-01T00:00:00.000Z\"}",
                "{\"name\":\"openAI\",\"value\":\"k\",\"expiresAt\":\"+100000-01-01T00:00:00Z\"}",
                "{\"name\":\"openAI\",\"value\":\"k\",\"expiresAt\":{\"$date\":1}}",
                "not json",
                "");
        for (String body : bodies) {
            Http.Response response = send(ada, "PUT", "/api/keys", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json().get("error").asString()).as(body).startsWith("invalid_");
        }
        assertThat(get(ada, "/api/keys").status()).as("no name").isEqualTo(400);
        assertThat(get(ada, "/api/keys?name=" + "n".repeat(UserKeys.MAX_NAME + 1)).status()).isEqualTo(400);
        assertThat(send(ada, "DELETE", "/api/keys/" + "n".repeat(UserKeys.MAX_NAME + 1), null).status()).isEqualTo(400);
        assertThat(rows(ada)).isEmpty();

        assertThat(put(ada, "n".repeat(UserKeys.MAX_NAME), "k".repeat(UserKeys.MAX_VALUE_BYTES), future).status())
                .as("both at their limits").isEqualTo(201);
        assertThat(put(ada, "google", "k", "\"2999-01-31\"").status()).as("a date alone, as JavaScript reads it").isEqualTo(201);
        assertThat(expiry(ada, "google")).isEqualTo("2999-01-31T00:00:00.000Z");
    }

    @Test
    void refusalsNameTheFieldAndTheRule() {
        Person ada = person();
        assertThat(error(send(ada, "PUT", "/api/keys", "{\"name\":\" \",\"value\":\"k\"}"))).isEqualTo("name: is required");
        assertThat(error(put(ada, "openAI", "€".repeat(UserKeys.MAX_VALUE_BYTES / 3 + 1), null)))
                .isEqualTo("value: must be at most 16384 bytes");
        assertThat(error(get(ada, "/api/keys?name=" + "n".repeat(UserKeys.MAX_NAME + 1))))
                .isEqualTo("name: must be at most 256 characters");
        assertThat(error(send(ada, "DELETE", "/api/keys/%20", null))).isEqualTo("name: is required");
        assertThatThrownBy(() -> userKeys.require(user(ada), "")).as("a chat turn's endpoint name is checked too")
                .hasMessageContaining("is required");
        assertThat(rows(ada)).isEmpty();
    }

    private static String error(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return response.json().get("message").asString();
    }

    /** @param expiresAtJson the JSON of {@code expiresAt}, e.g. {@code "\"2030-01-01T00:00:00Z\""} or {@code "null"}; null leaves it out */
    private Http.Response put(Person who, String name, String value, String expiresAtJson) {
        String body = "{\"name\":" + JSON.writeValueAsString(name) + ",\"value\":" + JSON.writeValueAsString(value)
                + (expiresAtJson == null ? "" : ",\"expiresAt\":" + expiresAtJson) + "}";
        return send(who, "PUT", "/api/keys", body);
    }

    private String expiry(Person who, String name) {
        return get(who, "/api/keys?name=" + name).json().get("expiresAt").asString();
    }

    private List<Document> rows(Person who) {
        return mongo.find(Query.query(Criteria.where("tenantId").is(who.tenant()).and("user").is(who.id())),
                Document.class, UserKeyStore.COLLECTION);
    }

    private Document row(Person who, String name) {
        return rows(who).stream().filter(d -> name.equals(d.getString("name"))).findFirst().orElseThrow();
    }

    private static CurrentUser user(Person who) {
        return new CurrentUser(who.id(), who.tenant(), "USER", null, null, null, null);
    }
}
