package io.parley.chat.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.chat.support.TokenCounter;
import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** librechat.yaml's {@code memory} section: valid keys, the value's length and the person's token limit. */
@TestPropertySource(properties = {"librechat.memory.validKeys[0]=home_city", "librechat.memory.validKeys[1]=pet_name",
        "librechat.memory.validKeys[2]=work", "librechat.memory.tokenLimit=25", "librechat.memory.charLimit=80"})
class MemoryLimitsIntegrationTest extends ChatIntegrationTest {

    private static final String LONDON = "Ada lives in London, near the river, in a small flat with a red door.";
    private static final String CAT = "Ada has a cat called Tom who likes fish and sleeps all day.";

    @Autowired
    TokenCounter tokens;

    @Test
    void onlyTheConfiguredKeysAreAccepted() {
        Person ada = person();

        Http.Response other = remember(ada, "favorite_drink", "Tea.");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("error").asString())
                .isEqualTo("Invalid key \"favorite_drink\". Must be one of: home_city, pet_name, work");
        assertThat(remember(ada, "home_city", "London.").status()).isEqualTo(201);
        Http.Response renamed = send(ada, "PATCH", "/api/memories/home_city", "{\"key\":\"town\",\"value\":\"London.\"}");
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(renamed.json().get("error").asString()).isEqualTo("Invalid key \"town\". Must be one of: home_city, pet_name, work");
        assertThat(send(ada, "PATCH", "/api/memories/home_city", "{\"key\":\"work\",\"value\":\"London.\"}").status())
                .isEqualTo(200);

        assertThat(get(ada, "/api/memories").json().at("/memories/0/key").asString()).isEqualTo("work");
    }

    @Test
    void aValueLongerThanTheCharLimitIsRefused() {
        Person ada = person();

        String longest = LONDON + " It's blue.";
        assertThat(longest).hasSize(80);

        Http.Response refused = remember(ada, "work", longest + "!");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asString())
                .isEqualTo("Value exceeds maximum length of 80 characters. Current length: 81 characters.");
        assertThat(remember(ada, "work", longest).status()).isEqualTo(201);
        assertThat(get(ada, "/api/memories").json().get("charLimit").asInt()).isEqualTo(80);
    }

    @Test
    void theTokenLimitHoldsTheTotalAndTheListShowsTheUsage() {
        Person ada = person();
        int london = tokens.count(LONDON);
        int cat = tokens.count(CAT);
        assertThat(london + cat).as("the two together must exceed the test's limit").isGreaterThan(25);
        assertThat(remember(ada, "home_city", LONDON).status()).isEqualTo(201);

        Http.Response over = remember(ada, "pet_name", CAT);

        assertThat(over.status()).isEqualTo(400);
        assertThat(over.json().get("error").asString())
                .isEqualTo("Adding this memory would exceed the token limit of 25. Current usage: " + london + " tokens.");
        JsonNode listed = get(ada, "/api/memories").json();
        assertThat(listed.get("memories")).hasSize(1);
        assertThat(listed.get("totalTokens").asInt()).isEqualTo(london);
        assertThat(listed.get("tokenLimit").asInt()).isEqualTo(25);
        assertThat(listed.get("usagePercentage").asInt()).isEqualTo(Math.round(london * 100f / 25));
    }

    @Test
    void anUpdateMayNotGrowPastTheLimitButMayAlwaysShrink() {
        Person ada = person();
        remember(ada, "home_city", LONDON);
        remember(ada, "pet_name", "Tom.");
        int usage = tokens.count(LONDON) + tokens.count("Tom.");

        Http.Response grown = send(ada, "PATCH", "/api/memories/pet_name", "{\"value\":\"" + CAT + "\"}");
        assertThat(grown.status()).isEqualTo(400);
        assertThat(grown.json().get("error").asString())
                .isEqualTo("Updating this memory would exceed the token limit of 25. Current usage: " + usage + " tokens.");

        Http.Response shrunk = send(ada, "PATCH", "/api/memories/home_city", "{\"value\":\"London.\"}");
        assertThat(shrunk.status()).isEqualTo(200);
        assertThat(get(ada, "/api/memories").json().get("totalTokens").asInt())
                .isEqualTo(tokens.count("London.") + tokens.count("Tom."));
    }

    private Http.Response remember(Person who, String key, String value) {
        return post(who, "/api/memories", "{\"key\":\"%s\",\"value\":\"%s\"}".formatted(key, value));
    }
}
