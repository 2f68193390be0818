package io.parley.chat.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** LibreChat's {@code ALLOW_SHARED_LINKS_PUBLIC=true}: a public link opens without signing in, in its own tenant only. */
@TestPropertySource(properties = "ALLOW_SHARED_LINKS_PUBLIC=true")
class AnonymousShareReadIntegrationTest extends ChatIntegrationTest {

    @Test
    void aPublicLinkIsReadWithoutATokenAnonymizedInItsTenantOnly() {
        Person ada = person("acme");
        String convo = conversation(ada, "Hello there");
        Http.Response created = post(ada, "/api/share/" + convo, "{}");
        String shareId = created.json().get("shareId").asString();

        Http.Response read = http.get("/api/share/" + shareId, "X-Parley-Tenant", "acme");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("messages")).hasSize(2);
        assertThat(read.json().get("messages").get(0).get("text").asString()).isEqualTo("Hello there");
        assertThat(read.json().get("conversationId").asString()).startsWith("convo_");
        assertThat(read.body()).doesNotContain(ada.id(), convo);
        // the client offers the public link only when the server says it opens without signing in
        assertThat(get(ada, "/api/config").json().get("publicSharedLinksEnabled").asBoolean()).isTrue();

        // a token that does not check out reads as no token
        assertThat(http.get("/api/share/" + shareId, "X-Parley-Tenant", "acme", "Authorization", "Bearer expired").status())
                .isEqualTo(200);
        Http.Response elsewhere = http.get("/api/share/" + shareId, "X-Parley-Tenant", "other");
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.json().get("message").asString()).isEqualTo("Share not found");
        assertThat(http.get("/api/share/" + shareId).status()).isEqualTo(404);
    }

    @Test
    void aLinkThatIsNotPublicStillNeedsItsOwner() {
        Person ada = person("acme");
        String convo = conversation(ada, "mine");
        AUTH.deniedPermissions.add("SHARED_LINKS.SHARE_PUBLIC");
        String shareId = post(ada, "/api/share/" + convo, "{}").json().get("shareId").asString();

        assertThat(http.get("/api/share/" + shareId, "X-Parley-Tenant", "acme").status()).isEqualTo(401);
        assertThat(get(ada, "/api/share/" + shareId).status()).isEqualTo(200);
    }
}
