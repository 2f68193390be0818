package io.parley.chat.tag;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.test.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TagIntegrationTest extends ChatIntegrationTest {

    @Test
    void tagsKeepTheirCountsAsConversationsAreTaggedRetaggedAndDeleted() {
        Person ada = person();
        String one = conversation(ada, "one");
        String two = conversation(ada, "two");

        Http.Response work = post(ada, "/api/tags", "{\"tag\":\"work\",\"addToConversation\":true,\"conversationId\":\"%s\"}".formatted(one));
        assertThat(work.status()).isEqualTo(200);
        assertThat(work.json().get("count").asInt()).isEqualTo(1);
        assertThat(work.json().get("position").asInt()).isEqualTo(1);

        Http.Response tagged = send(ada, "PUT", "/api/tags/convo/" + two, "{\"tags\":[\"work\",\"travel\"]}");
        assertThat(tagged.json()).extracting(JsonNode::asString).containsExactly("work", "travel");
        assertThat(counts(ada)).containsExactly("work=2", "travel=1");

        send(ada, "PUT", "/api/tags/convo/" + two, "{\"tags\":[\"travel\"]}");
        assertThat(counts(ada)).containsExactly("work=1", "travel=1");

        send(ada, "DELETE", "/api/convos/" + one, null);
        assertThat(counts(ada)).containsExactly("work=0", "travel=1");
        assertThat(get(ada, "/api/convos?tags=travel").json().get("conversations")).hasSize(1);
    }

    @Test
    void creatingAnExistingTagReturnsItUnchanged() {
        Person ada = person();
        post(ada, "/api/tags", "{\"tag\":\"ideas\",\"description\":\"first\"}");
        Http.Response again = post(ada, "/api/tags", "{\"tag\":\"ideas\",\"description\":\"second\"}");
        assertThat(again.json().get("description").asString()).isEqualTo("first");
        assertThat(get(ada, "/api/tags").json()).hasSize(1);
    }

    @Test
    void renamingATagRenamesItOnEveryConversation() {
        Person ada = person();
        String convo = conversation(ada, "x");
        send(ada, "PUT", "/api/tags/convo/" + convo, "{\"tags\":[\"todo\"]}");

        Http.Response renamed = send(ada, "PUT", "/api/tags/todo", "{\"tag\":\"done\"}");
        assertThat(renamed.json().get("tag").asString()).isEqualTo("done");
        assertThat(get(ada, "/api/convos/" + convo).json().get("tags")).extracting(JsonNode::asString).containsExactly("done");

        post(ada, "/api/tags", "{\"tag\":\"other\"}");
        assertThat(send(ada, "PUT", "/api/tags/done", "{\"tag\":\"other\"}").status()).isEqualTo(409);
        assertThat(send(ada, "PUT", "/api/tags/missing", "{\"tag\":\"x\"}").status()).isEqualTo(404);
    }

    @Test
    void positionsStayAContiguousOrderWhenMovedAndDeleted() {
        Person ada = person();
        for (String tag : List.of("a", "b", "c", "d")) {
            post(ada, "/api/tags", "{\"tag\":\"%s\"}".formatted(tag));
        }
        send(ada, "PUT", "/api/tags/d", "{\"position\":1}");
        assertThat(order(ada)).containsExactly("d1", "a2", "b3", "c4");

        send(ada, "DELETE", "/api/tags/a", null);
        assertThat(order(ada)).containsExactly("d1", "b2", "c3");
        assertThat(send(ada, "PUT", "/api/tags/b", "{\"position\":9}").status()).isEqualTo(400);
    }

    @Test
    void deletingATagTakesItOffConversations() {
        Person ada = person();
        String convo = conversation(ada, "x");
        send(ada, "PUT", "/api/tags/convo/" + convo, "{\"tags\":[\"gone\",\"kept\"]}");
        Http.Response deleted = send(ada, "DELETE", "/api/tags/gone", null);
        assertThat(deleted.json().get("tag").asString()).isEqualTo("gone");
        assertThat(get(ada, "/api/convos/" + convo).json().get("tags")).extracting(JsonNode::asString).containsExactly("kept");
    }

    @Test
    void anotherPersonsConversationCannotBeTaggedAndTheirTagsAreInvisible() {
        Person ada = person();
        Person bob = person();
        String convo = conversation(ada, "x");
        send(ada, "PUT", "/api/tags/convo/" + convo, "{\"tags\":[\"private\"]}");

        assertThat(send(bob, "PUT", "/api/tags/convo/" + convo, "{\"tags\":[\"mine\"]}").status()).isEqualTo(404);
        assertThat(post(bob, "/api/tags", "{\"tag\":\"x\",\"addToConversation\":true,\"conversationId\":\"%s\"}".formatted(convo)).status())
                .isEqualTo(404);
        assertThat(get(bob, "/api/tags").json()).isEmpty();
        assertThat(send(bob, "DELETE", "/api/tags/private", null).status()).isEqualTo(404);
        assertThat(send(bob, "PUT", "/api/tags/private", "{\"tag\":\"pwned\"}").status()).isEqualTo(404);
        assertThat(get(ada, "/api/convos/" + convo).json().get("tags")).extracting(JsonNode::asString).containsExactly("private");
    }

    @Test
    void badTagsAre400() {
        Person ada = person();
        String convo = conversation(ada, "x");
        assertThat(post(ada, "/api/tags", "{\"tag\":\"\"}").status()).isEqualTo(400);
        assertThat(post(ada, "/api/tags", "{\"tag\":\"" + "t".repeat(129) + "\"}").status()).isEqualTo(400);
        assertThat(post(ada, "/api/tags", "{\"tag\":{\"$ne\":null}}").status()).isEqualTo(400);
        assertThat(send(ada, "PUT", "/api/tags/convo/" + convo, "{\"tags\":\"work\"}").status()).isEqualTo(400);
        assertThat(send(ada, "PUT", "/api/tags/convo/not-a-uuid", "{\"tags\":[]}").status()).isEqualTo(400);
        assertThat(get(ada, "/api/tags").json()).isEmpty();
    }

    @Test
    void anotherPersonsConversationOrTagIs404BeforeTheBodyIsRead() {
        Person ada = person();
        Person bob = person();
        String convo = conversation(ada, "x");
        send(ada, "PUT", "/api/tags/convo/" + convo, "{\"tags\":[\"private\"]}");

        assertThat(send(bob, "PUT", "/api/tags/convo/" + convo, "{\"tags\":\"nope\"}").status()).isEqualTo(404);
        assertThat(send(bob, "PUT", "/api/tags/convo/" + convo, "{\"tags\":").status()).isEqualTo(404);
        assertThat(post(bob, "/api/tags", "{\"tag\":7,\"addToConversation\":true,\"conversationId\":\"%s\"}".formatted(convo)).status())
                .isEqualTo(404);
        assertThat(send(bob, "PUT", "/api/tags/private", "{\"position\":\"first\"}").status()).isEqualTo(404);
        assertThat(get(bob, "/api/tags").json()).isEmpty();
    }

    @Test
    void tagBodiesAreReadStrictlyAndEveryProblemIsNamed() {
        Person ada = person();
        String convo = conversation(ada, "x");

        Http.Response listed = send(ada, "PUT", "/api/tags/convo/" + convo, "{\"tags\":[\"a\",7,\"  \"]}");
        assertThat(listed.status()).isEqualTo(400);
        assertThat(listed.json().get("message").asString()).isEqualTo("tags[1]: must be text");

        Http.Response blank = send(ada, "PUT", "/api/tags/convo/" + convo, "{\"tags\":[\"a\",\"  \"]}");
        assertThat(blank.json().at("/details/0/field").asString()).isEqualTo("tags[1]");

        post(ada, "/api/tags", "{\"tag\":\"kept\"}");
        Http.Response changed = send(ada, "PUT", "/api/tags/kept", "{\"tag\":\"\",\"position\":0,\"description\":7}");
        assertThat(changed.status()).isEqualTo(400);
        assertThat(changed.json().findValues("field")).extracting(JsonNode::asString)
                .containsExactly("tag", "description", "position");

        Http.Response created = post(ada, "/api/tags", "{\"tag\":\"  trip  \",\"description\":null,\"unknown\":{\"$gt\":1}}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("tag").asString()).isEqualTo("trip");
        assertThat(order(ada)).containsExactly("kept1", "trip2");
    }

    private List<String> counts(Person who) {
        List<String> out = new ArrayList<>();
        get(who, "/api/tags").json().forEach(t -> out.add(t.get("tag").asString() + "=" + t.get("count").asInt()));
        return out;
    }

    private List<String> order(Person who) {
        List<String> out = new ArrayList<>();
        get(who, "/api/tags").json().forEach(t -> out.add(t.get("tag").asString() + t.get("position").asInt()));
        return out;
    }
}
