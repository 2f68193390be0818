package io.parley.chat.preset;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.test.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PresetIntegrationTest extends ChatIntegrationTest {

    @Test
    void createUpdateAndListWithTheDefaultFirst() {
        Person ada = person();
        Http.Response created = post(ada, "/api/presets", "{\"title\":\"Precise\",\"endpoint\":\"openAI\",\"model\":\"gpt-4o\",\"temperature\":0.1}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("presetId").asString();
        assertThat(created.json().get("temperature").asDouble()).isEqualTo(0.1);

        post(ada, "/api/presets", "{\"title\":\"Creative\",\"temperature\":1.2,\"defaultPreset\":true}");
        assertThat(titles(ada)).containsExactly("Creative", "Precise");

        Http.Response updated = post(ada, "/api/presets", "{\"presetId\":\"%s\",\"title\":\"Precise v2\",\"defaultPreset\":true}".formatted(id));
        assertThat(updated.json().get("title").asString()).isEqualTo("Precise v2");
        assertThat(updated.json().get("model").asString()).as("fields not sent are kept").isEqualTo("gpt-4o");
        assertThat(titles(ada)).containsExactly("Precise v2", "Creative");
        assertThat(get(ada, "/api/presets").json().get(1).get("defaultPreset").asBoolean()).isFalse();

        assertThat(send(ada, "PUT", "/api/presets/" + id, "{\"title\":\"Via PUT\"}").json().get("title").asString()).isEqualTo("Via PUT");
    }

    @Test
    void unknownFieldsAreIgnoredAndOperatorKeysRefused() {
        Person ada = person();
        Http.Response created = post(ada, "/api/presets", "{\"title\":\"x\",\"user\":\"someone-else\",\"tenantId\":\"evil\",\"isAdmin\":true}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().has("isAdmin")).isFalse();
        assertThat(created.json().get("user").asString()).isEqualTo(ada.id());
        assertThat(post(ada, "/api/presets", "{\"title\":\"x\",\"tools\":[{\"$where\":\"1\"}]}").status()).isEqualTo(400);
        assertThat(post(ada, "/api/presets", "{\"title\":{\"$ne\":1}}").status()).isEqualTo(400);
        assertThat(post(ada, "/api/presets", "{\"presetId\":\"../../etc\",\"title\":\"x\"}").status()).isEqualTo(400);
        assertThat(post(ada, "/api/presets", "{\"title\":\"" + "t".repeat(257) + "\"}").status()).isEqualTo(400);
        assertThat(get(ada, "/api/presets").json()).hasSize(1);
    }

    @Test
    void deletingOneOrAll() {
        Person ada = person();
        String one = post(ada, "/api/presets", "{\"title\":\"one\"}").json().get("presetId").asString();
        post(ada, "/api/presets", "{\"title\":\"two\"}");
        post(ada, "/api/presets", "{\"title\":\"three\"}");

        Http.Response deleted = post(ada, "/api/presets/delete", "{\"presetId\":\"%s\"}".formatted(one));
        assertThat(deleted.status()).isEqualTo(201);
        assertThat(deleted.json().get("deletedCount").asInt()).isEqualTo(1);
        assertThat(titles(ada)).containsExactlyInAnyOrder("two", "three");

        String two = get(ada, "/api/presets").json().get(0).get("presetId").asString();
        assertThat(send(ada, "DELETE", "/api/presets/" + two, null).status()).isEqualTo(204);
        assertThat(send(ada, "DELETE", "/api/presets/" + two, null).status()).isEqualTo(404);

        assertThat(post(ada, "/api/presets/delete", "{}").json().get("deletedCount").asInt()).isEqualTo(1);
        assertThat(get(ada, "/api/presets").json()).isEmpty();
    }

    @Test
    void anotherPersonsPresetIsOutOfReach() {
        Person ada = person();
        Person bob = person();
        String id = post(ada, "/api/presets", "{\"title\":\"mine\",\"defaultPreset\":true}").json().get("presetId").asString();

        assertThat(get(bob, "/api/presets").json()).isEmpty();
        assertThat(send(bob, "PUT", "/api/presets/" + id, "{\"title\":\"pwned\"}").status()).isEqualTo(404);
        assertThat(send(bob, "DELETE", "/api/presets/" + id, null).status()).isEqualTo(404);
        assertThat(post(bob, "/api/presets/delete", "{\"presetId\":\"%s\"}".formatted(id)).status()).isEqualTo(404);
        assertThat(post(bob, "/api/presets", "{\"presetId\":\"%s\",\"title\":\"bob's own\"}".formatted(id)).status())
                .as("preset ids are unique per tenant").isEqualTo(404);
        post(bob, "/api/presets/delete", "{}");

        assertThat(titles(ada)).containsExactly("mine");
        assertThat(get(ada, "/api/presets").json().get(0).get("defaultPreset").asBoolean()).isTrue();
    }

    @Test
    void aNewPresetWithoutATitleIsANewChatAndATitleSentAsNullIsCleared() {
        Person ada = person();
        String id = post(ada, "/api/presets", "{\"endpoint\":\"openAI\"}").json().get("presetId").asString();
        assertThat(get(ada, "/api/presets").json().get(0).get("title").asString()).isEqualTo("New Chat");

        assertThat(send(ada, "PUT", "/api/presets/" + id, "{\"model\":\"gpt-4o\"}").json().get("title").asString())
                .as("a change without a title keeps it").isEqualTo("New Chat");
        JsonNode cleared = send(ada, "PUT", "/api/presets/" + id, "{\"title\":null}").json();
        assertThat(cleared.get("title").isNull()).isTrue();
        assertThat(cleared.get("model").asString()).isEqualTo("gpt-4o");
    }

    @Test
    void refusalsNameTheFieldAndTheRule() {
        Person ada = person();
        String id = post(ada, "/api/presets", "{\"title\":\"mine\"}").json().get("presetId").asString();

        Http.Response tooLong = send(ada, "PUT", "/api/presets/" + id, "{\"title\":\"%s\"}".formatted("t".repeat(257)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("message").asString()).isEqualTo("title: must be at most 256 characters");
        assertThat(tooLong.json().at("/details/0/field").asString()).isEqualTo("title");
        assertThat(post(ada, "/api/presets", "{\"title\":7}").json().get("message").asString()).isEqualTo("title: must be text");
        assertThat(post(ada, "/api/presets", "{\"defaultPreset\":\"yes\"}").json().get("message").asString())
                .isEqualTo("defaultPreset: must be true or false");
        assertThat(titles(ada)).containsExactly("mine");
    }

    private List<String> titles(Person who) {
        List<String> out = new ArrayList<>();
        get(who, "/api/presets").json().forEach(p -> out.add(p.get("title").asString()));
        return out;
    }
}
