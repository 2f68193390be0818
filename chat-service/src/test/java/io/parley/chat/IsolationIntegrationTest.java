package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;

/** Another person's ids get 404 and change nothing, on every route; so do another tenant's. */
class IsolationIntegrationTest extends ChatIntegrationTest {

    @Test
    void anotherUserGets404EverywhereAndAdasDataIsUntouched() {
        Person ada = person();
        Person bob = person();
        assertIsolated(ada, bob, 404);
    }

    @Test
    void theSameUserIdInAnotherTenantSeesNothing() {
        Person ada = person("acme");
        Person twin = new Person(ada.id(), "globex");
        assertIsolated(ada, twin, 201);
    }

    /** @param reusedIdsStatus what saving a message under the owner's ids answers the other person */
    private void assertIsolated(Person owner, Person other, int reusedIdsStatus) {
        String convo = conversation(owner, "Private words");
        String message = get(owner, "/api/messages/" + convo).json().get(0).get("messageId").asString();
        String before = get(owner, "/api/messages/" + convo).body();
        String convoBefore = get(owner, "/api/convos/" + convo).body();

        assertThat(get(other, "/api/convos/" + convo).status()).isEqualTo(404);
        assertThat(get(other, "/api/messages/" + convo).status()).isEqualTo(404);
        assertThat(get(other, "/api/messages/" + convo + "/" + message).status()).isEqualTo(404);
        assertThat(get(other, "/api/messages?conversationId=" + convo).status()).isEqualTo(404);
        assertThat(get(other, "/api/messages?conversationId=" + convo + "&messageId=" + message).status()).isEqualTo(404);
        assertThat(post(other, "/api/convos/update", "{\"arg\":{\"conversationId\":\"%s\",\"title\":\"pwned\"}}".formatted(convo)).status()).isEqualTo(404);
        assertThat(post(other, "/api/convos/archive", "{\"arg\":{\"conversationId\":\"%s\",\"isArchived\":true}}".formatted(convo)).status()).isEqualTo(404);
        assertThat(post(other, "/api/convos/pin", "{\"arg\":{\"conversationId\":\"%s\",\"pinned\":true}}".formatted(convo)).status()).isEqualTo(404);
        assertThat(send(other, "PUT", "/api/messages/" + convo + "/" + message, "{\"text\":\"pwned\"}").status()).isEqualTo(404);
        assertThat(send(other, "DELETE", "/api/messages/" + convo + "/" + message, null).status()).isEqualTo(404);
        assertThat(send(other, "PUT", "/api/messages/" + convo + "/" + message + "/feedback",
                "{\"feedback\":{\"rating\":\"thumbsDown\"}}").status()).isEqualTo(404);
        assertThat(post(other, "/api/messages/artifact/" + message, "{\"index\":0,\"original\":\"a\",\"updated\":\"b\"}").status())
                .isEqualTo(404);
        assertThat(send(other, "DELETE", "/api/convos", "{\"arg\":{\"conversationId\":\"%s\"}}".formatted(convo)).status()).isEqualTo(404);
        assertThat(send(other, "DELETE", "/api/convos/" + convo, null).status()).isEqualTo(404);
        send(other, "DELETE", "/api/convos/all", null);
        assertThat(get(other, "/api/messages?search=private").json().get("messages").isEmpty()).isTrue();
        assertThat(get(other, "/api/convos").json().get("conversations").isEmpty()).isTrue();
        // ids are unique per tenant: within the owner's tenant they are refused, in another tenant they are
        // the other person's own; either way the owner's records are untouched
        Http.Response written = saveMessage(other, convo, message, "00000000-0000-0000-0000-000000000000", "pwned");
        assertThat(written.status()).isEqualTo(reusedIdsStatus);

        assertThat(get(owner, "/api/messages/" + convo).body()).isEqualTo(before);
        assertThat(get(owner, "/api/convos/" + convo).body()).isEqualTo(convoBefore);
    }
}
