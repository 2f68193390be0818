package io.parley.chat.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.test.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/memories} without a librechat.yaml {@code memory} section: LibreChat's routes, rules and messages. */
class MemoryIntegrationTest extends ChatIntegrationTest {

    private static final String INSUFFICIENT = "Forbidden: Insufficient permissions";

    @Test
    void aMemoryIsCreatedListedUpdatedRenamedAndDeleted() {
        Person ada = person();

        Http.Response created = remember(ada, "favorite_drink", "  Ada drinks green tea.  ");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("created").asBoolean()).isTrue();
        JsonNode memory = created.json().get("memory");
        assertThat(memory.get("key").asString()).isEqualTo("favorite_drink");
        assertThat(memory.get("value").asString()).isEqualTo("Ada drinks green tea.");
        assertThat(memory.get("tokenCount").asInt()).isPositive();
        assertThat(memory.get("updated_at").asString()).endsWith("Z");

        JsonNode listed = get(ada, "/api/memories").json();
        assertThat(listed.get("memories")).hasSize(1);
        assertThat(listed.get("memories").get(0)).isEqualTo(memory);
        assertThat(listed.get("totalTokens").asInt()).isEqualTo(memory.get("tokenCount").asInt());
        assertThat(listed.get("tokenLimit").isNull()).isTrue();
        assertThat(listed.get("usagePercentage").isNull()).isTrue();

        Http.Response updated = send(ada, "PATCH", "/api/memories/favorite_drink",
                "{\"key\":\"favorite_drink\",\"value\":\"Ada drinks black coffee in the morning and green tea later.\"}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("updated").asBoolean()).isTrue();
        assertThat(updated.json().at("/memory/tokenCount").asInt()).isGreaterThan(memory.get("tokenCount").asInt());

        Http.Response renamed = send(ada, "PATCH", "/api/memories/favorite_drink", "{\"key\":\"drinks\",\"value\":\"Coffee.\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().at("/memory/key").asString()).isEqualTo("drinks");
        assertThat(keys(ada)).containsExactly("drinks");

        Http.Response deleted = send(ada, "DELETE", "/api/memories/drinks", null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json()).isEqualTo(Http.parse("{\"deleted\":true}"));
        assertThat(get(ada, "/api/memories").json().get("memories")).isEmpty();
        assertThat(get(ada, "/api/memories").json().get("totalTokens").asInt()).isZero();

        Http.Response again = send(ada, "DELETE", "/api/memories/drinks", null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("error").asString()).isEqualTo("Memory not found.");
    }

    @Test
    void theListShowsTheLatestWrittenFirstAndTotalsTheirTokens() {
        Person ada = person();
        Map<String, Integer> tokens = new HashMap<>();
        for (String key : List.of("first", "second", "third")) {
            tokens.put(key, written(remember(ada, key, "Something about the " + key + " thing.")));
        }
        tokens.put("first", written(send(ada, "PATCH", "/api/memories/first",
                "{\"value\":\"Something new about the first thing, and rather more of it than before.\"}")));

        JsonNode listed = get(ada, "/api/memories").json();
        assertThat(keys(ada)).containsExactly("first", "third", "second");
        assertThat(listed.get("totalTokens").asInt()).isEqualTo(tokens.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void aNewMemoryIsRefusedWithLibreChatsMessagesAndNothingIsStored() {
        Person ada = person();
        assertRefused(post(ada, "/api/memories", "{\"value\":\"v\"}"), 400, "Key is required and must be a non-empty string.");
        assertRefused(post(ada, "/api/memories", "{\"key\":7,\"value\":\"v\"}"), 400,
                "Key is required and must be a non-empty string.");
        assertRefused(post(ada, "/api/memories", "{\"key\":{\"$ne\":null},\"value\":\"v\"}"), 400,
                "Key is required and must be a non-empty string.");
        assertRefused(post(ada, "/api/memories", "{\"key\":\"k\",\"value\":\"  \"}"), 400,
                "Value is required and must be a non-empty string.");
        assertRefused(post(ada, "/api/memories", null), 400, "Key is required and must be a non-empty string.");
        assertRefused(remember(ada, "k".repeat(1001), "v"), 400,
                "Key exceeds maximum length of 1000 characters. Current length: 1001 characters.");
        assertRefused(remember(ada, "k", "v".repeat(10_001)), 400,
                "Value exceeds maximum length of 10000 characters. Current length: 10001 characters.");
        assertRefused(remember(ada, "Home City", "v"), 400, "Key must only contain lowercase letters and underscores");
        assertRefused(remember(ada, "city2", "v"), 400, "Key must only contain lowercase letters and underscores");
        assertRefused(remember(ada, "nothing", "v"), 400, "The key \"nothing\" is reserved.");
        assertThat(post(ada, "/api/memories", "{\"key\":").status()).isEqualTo(400);

        assertThat(get(ada, "/api/memories").json().get("memories")).isEmpty();
    }

    @Test
    void aSecondMemoryWithTheSameKeyIsAConflict() {
        Person ada = person();
        remember(ada, "home_city", "Ada lives in London.");

        Http.Response again = remember(ada, "home_city", "Ada lives in Paris.");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("message").asString()).isEqualTo("Memory with this key already exists.");
        assertThat(get(ada, "/api/memories").json().at("/memories/0/value").asString()).isEqualTo("Ada lives in London.");
    }

    @Test
    void anUpdateFindsTheMemoryBeforeCheckingTheBodyAndRefusesBadOnesUnchanged() {
        Person ada = person();
        remember(ada, "home_city", "Ada lives in London.");
        remember(ada, "pet_name", "Ada's cat is called Tom.");

        assertRefused(send(ada, "PATCH", "/api/memories/unknown", "{\"value\":\"\"}"), 404, "Memory not found.");
        assertRefused(send(ada, "PATCH", "/api/memories/home_city", "{\"value\":\"\"}"), 400,
                "Value is required and must be a non-empty string.");
        assertRefused(send(ada, "PATCH", "/api/memories/home_city", null), 400,
                "Value is required and must be a non-empty string.");
        assertRefused(send(ada, "PATCH", "/api/memories/home_city", "{\"key\":\"Bad Key\",\"value\":\"v\"}"), 400,
                "Key must only contain lowercase letters and underscores");
        assertRefused(send(ada, "PATCH", "/api/memories/home_city", "{\"key\":[1],\"value\":\"v\"}"), 400,
                "Key is required and must be a non-empty string.");
        assertRefused(send(ada, "PATCH", "/api/memories/home_city", "{\"value\":\"" + "v".repeat(10_001) + "\"}"), 400,
                "Value exceeds maximum length of 10000 characters. Current length: 10001 characters.");
        Http.Response onto = send(ada, "PATCH", "/api/memories/home_city", "{\"key\":\"pet_name\",\"value\":\"v\"}");
        assertThat(onto.status()).isEqualTo(409);
        assertThat(onto.json().get("message").asString()).isEqualTo("Memory with this key already exists.");

        assertThat(values(ada)).containsExactlyInAnyOrder("home_city=Ada lives in London.", "pet_name=Ada's cat is called Tom.");
    }

    @Test
    void eachRouteNeedsItsMemoriesPermission() {
        Person ada = person();
        remember(ada, "home_city", "Ada lives in London.");

        AUTH.deniedPermissions.add("MEMORIES.READ");
        assertRefused(get(ada, "/api/memories"), 403, null);
        AUTH.reset();
        AUTH.deniedPermissions.add("MEMORIES.CREATE");
        assertRefused(remember(ada, "pet_name", "Tom."), 403, null);
        AUTH.reset();
        AUTH.deniedPermissions.add("MEMORIES.UPDATE");
        assertRefused(send(ada, "PATCH", "/api/memories/home_city", "{\"value\":\"Paris.\"}"), 403, null);
        assertRefused(send(ada, "DELETE", "/api/memories/home_city", null), 403, null);
        AUTH.reset();
        AUTH.deniedPermissions.add("MEMORIES.USE");
        assertRefused(get(ada, "/api/memories"), 403, null);
        assertRefused(remember(ada, "pet_name", "Tom."), 403, null);
        assertRefused(send(ada, "DELETE", "/api/memories/home_city", null), 403, null);
        AUTH.reset();

        assertThat(values(ada)).containsExactly("home_city=Ada lives in London.");
    }

    @Test
    void anotherPersonsMemoriesAreNotFoundAndStayUnchanged() {
        Person ada = person("acme");
        Person bob = person("acme");
        Person adaElsewhere = person(ada.id(), "other");
        remember(ada, "secret", "Ada's secret.");

        for (Person other : List.of(bob, adaElsewhere)) {
            assertThat(get(other, "/api/memories").json().get("memories")).isEmpty();
            assertThat(get(other, "/api/memories").json().get("totalTokens").asInt()).isZero();
            assertRefused(send(other, "PATCH", "/api/memories/secret", "{\"key\":\"stolen\",\"value\":\"Mine now.\"}"), 404,
                    "Memory not found.");
            assertRefused(send(other, "DELETE", "/api/memories/secret", null), 404, "Memory not found.");
        }
        assertThat(remember(bob, "secret", "Bob's own secret.").status()).isEqualTo(201);

        assertThat(values(ada)).containsExactly("secret=Ada's secret.");
        assertThat(values(bob)).containsExactly("secret=Bob's own secret.");
    }

    private Http.Response remember(Person who, String key, String value) {
        return post(who, "/api/memories", "{\"key\":\"%s\",\"value\":\"%s\"}".formatted(key, value));
    }

    /** A refusal in LibreChat's words, which its client reads from {@code error}. */
    private static void assertRefused(Http.Response response, int status, String sentence) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        if (status == 403) {
            assertThat(response.json().get("message").asString()).isEqualTo(INSUFFICIENT);
        } else {
            assertThat(response.json().get("error").asString()).isEqualTo(sentence);
            assertThat(response.json().get("message").asString()).isEqualTo(sentence);
        }
    }

    private List<String> keys(Person who) {
        List<String> out = new ArrayList<>();
        get(who, "/api/memories").json().get("memories").forEach(m -> out.add(m.get("key").asString()));
        return out;
    }

    private List<String> values(Person who) {
        List<String> out = new ArrayList<>();
        get(who, "/api/memories").json().get("memories")
                .forEach(m -> out.add(m.get("key").asString() + "=" + m.get("value").asString()));
        return out;
    }

    /**
     * The written memory's token count, once the clock has passed its time: the next write is then
     * later, whatever the clock's resolution, and the list's order is certain.
     */
    private static int written(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        Instant at = Instant.parse(response.json().at("/memory/updated_at").asString());
        await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().isAfter(at));
        return response.json().at("/memory/tokenCount").asInt();
    }
}
