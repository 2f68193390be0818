package io.parley.chat.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.test.FakeAccess;
import io.parley.common.test.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Shared links on auth-service's ACL (resource type {@code sharedLink}), as LibreChat 0.8.8 keeps them. */
class SharedLinkAccessIntegrationTest extends ChatIntegrationTest {

    private static final FakeAccess.Principal PUBLIC = new FakeAccess.Principal("public", null);

    @Test
    void theCreatorOwnsANewLinkAndOnlyThoseItIsSharedWithReadIt() {
        AUTH.deniedPermissions.add("SHARED_LINKS.SHARE_PUBLIC");
        Person ada = person("acme");
        Person bob = person("acme");
        Person carol = person("acme");
        JsonNode created = create(ada, conversation(ada, "for bob"));
        String linkId = created.get("_id").asString();
        String shareId = created.get("shareId").asString();

        assertThat(AUTH.linkEntries("acme", linkId)).containsOnlyKeys(new FakeAccess.Principal("user", ada.id()));
        assertThat(AUTH.linkEntries("acme", linkId).get(new FakeAccess.Principal("user", ada.id())).accessRoleId())
                .isEqualTo("sharedLink_owner");
        assertThat(get(bob, "/api/share/" + shareId).status()).isEqualTo(404);

        AUTH.shareLink("acme", linkId, bob.id(), "sharedLink_viewer");

        Http.Response read = get(bob, "/api/share/" + shareId);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("shareId").asString()).isEqualTo(shareId);
        Http.Response third = get(carol, "/api/share/" + shareId);
        assertThat(third.status()).isEqualTo(404);
        assertThat(third.json().get("message").asString()).isEqualTo("Share not found");
        assertThat(third.body()).doesNotContain("for bob");
        assertThat(isPublic(ada, shareId)).isFalse();
    }

    @Test
    void aLinkIsPublicOnlyWhenItsCreatorMayShareLinksPublicly() {
        Person ada = person("acme");
        Person bob = person("acme");
        String open = create(ada, conversation(ada, "open")).get("_id").asString();
        AUTH.deniedPermissions.add("SHARED_LINKS.SHARE_PUBLIC");
        JsonNode closed = create(ada, conversation(ada, "closed"));

        assertThat(AUTH.linkEntries("acme", open).get(PUBLIC).accessRoleId()).isEqualTo("sharedLink_viewer");
        assertThat(AUTH.linkEntries("acme", closed.get("_id").asString())).doesNotContainKey(PUBLIC);
        assertThat(get(ada, "/api/share?isPublic=true").json().get("links")).hasSize(1);
        assertThat(get(bob, "/api/share/" + closed.get("shareId").asString()).status()).isEqualTo(404);
    }

    @Test
    void thePublicsEntryMakesALinkPublicAndItsAnswersSaySo() {
        AUTH.deniedPermissions.add("SHARED_LINKS.SHARE_PUBLIC");
        Person ada = person("acme");
        Person bob = person("acme");
        JsonNode created = create(ada, conversation(ada, "later public"));
        String shareId = created.get("shareId").asString();
        assertThat(isPublic(ada, shareId)).isFalse();

        // the owner shares it with everyone through /api/permissions/sharedLink/:id
        AUTH.shareLink("acme", created.get("_id").asString(), null, "sharedLink_viewer");

        assertThat(isPublic(ada, shareId)).isTrue();
        assertThat(get(ada, "/api/share?isPublic=false").json().get("links")).isEmpty();
        assertThat(get(bob, "/api/share/" + shareId).status()).isEqualTo(200);
    }

    @Test
    void noOneOfAnotherTenantReadsALinkWhateverItsEntries() {
        Person ada = person("acme");
        JsonNode created = create(ada, conversation(ada, "acme only"));
        String shareId = created.get("shareId").asString();
        Person stranger = person("other");
        AUTH.shareLink("other", created.get("_id").asString(), stranger.id(), "sharedLink_owner");

        assertThat(get(stranger, "/api/share/" + shareId).status()).isEqualTo(404);
        assertThat(get(person(ada.id(), "other"), "/api/share/" + shareId).status()).isEqualTo(404);
        assertThat(get(person("acme"), "/api/share/" + shareId).status()).isEqualTo(200);
    }

    @Test
    void deletingALinkOrItsConversationRemovesItsEntries() {
        Person ada = person("acme");
        Person bob = person("acme");
        JsonNode first = create(ada, conversation(ada, "first"));
        String convo = conversation(ada, "second");
        JsonNode second = create(ada, convo);
        for (JsonNode link : List.of(first, second)) {
            AUTH.shareLink("acme", link.get("_id").asString(), bob.id(), "sharedLink_viewer");
        }

        assertThat(send(ada, "DELETE", "/api/share/" + first.get("shareId").asString(), null).status()).isEqualTo(200);
        assertThat(AUTH.linkEntries("acme", first.get("_id").asString())).isEmpty();
        assertThat(AUTH.linkEntries("acme", second.get("_id").asString())).hasSize(3);

        assertThat(send(ada, "DELETE", "/api/convos", "{\"arg\":{\"conversationId\":\"%s\"}}".formatted(convo)).status())
                .isEqualTo(201);
        assertThat(AUTH.linkEntries("acme", second.get("_id").asString())).isEqualTo(Map.of());
        assertThat(get(bob, "/api/share/" + second.get("shareId").asString()).status()).isEqualTo(404);
    }

    private JsonNode create(Person who, String convo) {
        Http.Response created = post(who, "/api/share/" + convo, "{}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json();
    }

    private boolean isPublic(Person owner, String shareId) {
        for (JsonNode link : get(owner, "/api/share").json().get("links")) {
            if (link.get("shareId").asString().equals(shareId)) {
                return link.get("isPublic").asBoolean();
            }
        }
        throw new AssertionError("No link " + shareId);
    }
}
