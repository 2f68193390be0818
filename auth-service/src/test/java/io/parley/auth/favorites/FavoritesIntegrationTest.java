package io.parley.auth.favorites;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/user/settings/favorites} over real HTTP: the caller's own favorites, with LibreChat's rules. */
class FavoritesIntegrationTest extends AuthIntegrationTest {

    private static final String PATH = "/api/user/settings/favorites";
    private static final String THREE_KINDS = """
            {"favorites":[{"agentId":"agent_abc"},{"model":"gpt-4o","endpoint":"openAI"},{"spec":"fast-chat"}]}""";

    private String tokenIn(String tenant) {
        return signedIn("X-Parley-Tenant", tenant).json().get("token").asString();
    }

    private Http.Response replace(String token, String body) {
        return http.post(PATH, body, "Authorization", "Bearer " + token);
    }

    private JsonNode favorites(String token) {
        Http.Response got = http.get(PATH, "Authorization", "Bearer " + token);
        assertThat(got.status()).isEqualTo(200);
        return got.json();
    }

    @Test
    void aNewPersonHasNoFavorites() {
        String ann = tokenIn(uniqueTenant());

        assertThat(favorites(ann).isArray()).isTrue();
        assertThat(favorites(ann).size()).isZero();
        assertThat(http.get("/api/user", "Authorization", "Bearer " + ann).json().get("favorites").size()).isZero();
    }

    @Test
    void replacingAnswersTheNewListWhichGetAndTheUserShow() {
        String ann = tokenIn(uniqueTenant());
        JsonNode expected = Http.parse(THREE_KINDS).get("favorites");

        Http.Response replaced = replace(ann, THREE_KINDS);

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json()).isEqualTo(expected);
        assertThat(favorites(ann)).isEqualTo(expected);
        assertThat(http.get("/api/user", "Authorization", "Bearer " + ann).json().get("favorites")).isEqualTo(expected);
    }

    @Test
    void eachFavoriteKeepsOnlyTheFieldsOfItsKind() {
        String ann = tokenIn(uniqueTenant());

        Http.Response replaced = replace(ann, """
                {"favorites":[{"agentId":"agent_abc","model":"","label":"mine"},{"spec":"s","endpoint":null}]}""");

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(favorites(ann)).isEqualTo(Http.parse("""
                [{"agentId":"agent_abc"},{"spec":"s"}]"""));
    }

    @Test
    void anEmptyListClearsThem() {
        String ann = tokenIn(uniqueTenant());
        replace(ann, THREE_KINDS);

        assertThat(replace(ann, "{\"favorites\":[]}").status()).isEqualTo(200);

        assertThat(favorites(ann).size()).isZero();
    }

    @Test
    void fiftyFavoritesOf256CharactersAreAllowed() {
        String ann = tokenIn(uniqueTenant());
        String longest = "a".repeat(256);
        String fifty = IntStream.range(0, 50).mapToObj(i -> "{\"model\":\"%s\",\"endpoint\":\"e%d\"}".formatted(longest, i))
                .collect(Collectors.joining(",", "{\"favorites\":[", "]}"));

        assertThat(replace(ann, fifty).status()).isEqualTo(200);

        assertThat(favorites(ann).size()).isEqualTo(50);
        assertThat(favorites(ann).get(49).get("model").asString()).isEqualTo(longest);
    }

    @Test
    void everyRefusalIs400WithLibreChatsMessageAndChangesNothing() {
        String ann = tokenIn(uniqueTenant());
        replace(ann, THREE_KINDS);
        JsonNode before = favorites(ann);
        String tooLong = "x".repeat(257);
        Map<String, String> refusals = Map.ofEntries(
                Map.entry("{}", "Favorites data is required"),
                Map.entry("{\"favorites\":null}", "Favorites data is required"),
                Map.entry("{\"favorites\":\"\"}", "Favorites data is required"),
                Map.entry("{\"favorites\":\"agent_abc\"}", "Favorites must be an array"),
                Map.entry("{\"favorites\":{\"agentId\":\"a\"}}", "Favorites must be an array"),
                Map.entry("[]", "Favorites data is required"),
                Map.entry("{\"favorites\":[{\"agentId\":\"" + tooLong + "\"}]}", "agentId exceeds maximum length of 256"),
                Map.entry("{\"favorites\":[{\"model\":\"" + tooLong + "\",\"endpoint\":\"e\"}]}",
                        "model exceeds maximum length of 256"),
                Map.entry("{\"favorites\":[{\"model\":\"m\",\"endpoint\":\"" + tooLong + "\"}]}",
                        "endpoint exceeds maximum length of 256"),
                Map.entry("{\"favorites\":[{\"spec\":\"" + tooLong + "\"}]}", "spec exceeds maximum length of 256"),
                Map.entry("{\"favorites\":[{\"spec\":\"\"}]}", "spec must be a non-empty string"),
                Map.entry("{\"favorites\":[{\"spec\":7}]}", "spec must be a non-empty string"),
                Map.entry("{\"favorites\":[{\"agentId\":7}]}", "agentId must be a string"),
                Map.entry("{\"favorites\":[{\"model\":\"gpt-4o\"}]}", "model and endpoint must be provided together"),
                Map.entry("{\"favorites\":[{\"endpoint\":\"openAI\"}]}", "model and endpoint must be provided together"),
                Map.entry("{\"favorites\":[{}]}", "Each favorite must have either agentId, model+endpoint, or spec"),
                Map.entry("{\"favorites\":[\"agent_abc\"]}", "Each favorite must have either agentId, model+endpoint, or spec"),
                Map.entry("{\"favorites\":[{\"agentId\":\"a\",\"spec\":\"s\"}]}",
                        "Favorite cannot have multiple types (agentId, model/endpoint, or spec)"),
                Map.entry("{\"favorites\":[{\"agentId\":\"a\",\"model\":\"m\",\"endpoint\":\"e\"}]}",
                        "Favorite cannot have multiple types (agentId, model/endpoint, or spec)"),
                Map.entry("{\"favorites\":[{\"spec\":\"s\",\"model\":\"m\"}]}",
                        "spec cannot be combined with agentId, model, or endpoint"),
                Map.entry("{\"favorites\":[{\"agentId\":\"a\",\"endpoint\":\"e\"}]}",
                        "agentId cannot be combined with model or endpoint"),
                Map.entry("{\"favorites\":[{\"agentId\":\"fine\"},{\"model\":\"half\"}]}",
                        "model and endpoint must be provided together"));

        refusals.forEach((body, message) -> {
            Http.Response refused = replace(ann, body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json().get("message").asString()).as(body).isEqualTo(message);
        });

        assertThat(favorites(ann)).isEqualTo(before);
    }

    @Test
    void moreThanFiftyIs400WithTheCodeAndLimitLibreChatsClientReads() {
        String ann = tokenIn(uniqueTenant());
        replace(ann, THREE_KINDS);
        String fiftyOne = IntStream.range(0, 51).mapToObj(i -> "{\"agentId\":\"agent_" + i + "\"}")
                .collect(Collectors.joining(",", "{\"favorites\":[", "]}"));

        Http.Response refused = replace(ann, fiftyOne);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asString()).isEqualTo("MAX_FAVORITES_EXCEEDED");
        assertThat(refused.json().get("message").asString()).isEqualTo("Maximum 50 favorites allowed");
        assertThat(refused.json().get("limit").asInt()).isEqualTo(50);
        assertThat(favorites(ann).size()).isEqualTo(3);
    }

    @Test
    void anotherPersonsFavoritesAreNeverSeenNorChanged() {
        String tenant = uniqueTenant();
        String ann = tokenIn(tenant);
        String bob = tokenIn(tenant);
        String carol = tokenIn(uniqueTenant());
        replace(ann, THREE_KINDS);

        assertThat(favorites(bob).size()).isZero();
        assertThat(favorites(carol).size()).isZero();
        assertThat(replace(bob, "{\"favorites\":[{\"spec\":\"bobs\"}]}").status()).isEqualTo(200);
        assertThat(replace(carol, "{\"favorites\":[]}").status()).isEqualTo(200);

        assertThat(favorites(ann)).isEqualTo(Http.parse(THREE_KINDS).get("favorites"));
        assertThat(favorites(bob)).isEqualTo(Http.parse("[{\"spec\":\"bobs\"}]"));
    }

    @Test
    void withoutATokenIs401() {
        assertThat(http.get(PATH).status()).isEqualTo(401);
        assertThat(http.post(PATH, "{\"favorites\":[]}").status()).isEqualTo(401);
    }
}
