package io.parley.chat.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.test.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchIntegrationTest extends ChatIntegrationTest {

    @Test
    void conversationSearchFindsWordsInTitlesAndInMessages() {
        Person ada = person();
        String byMessage = conversation(ada, "We sailed to Zanzibar in June");
        String byTitle = conversation(ada, "nothing here");
        post(ada, "/api/convos/update", "{\"arg\":{\"conversationId\":\"%s\",\"title\":\"Zanzibar trip\"}}".formatted(byTitle));
        conversation(ada, "unrelated");

        assertThat(ids(get(ada, "/api/convos?search=ZANZIBAR"))).containsExactlyInAnyOrder(byMessage, byTitle);
        assertThat(ids(get(ada, "/api/convos?search=zanzibar%20june"))).as("every word must match").containsExactly(byMessage);
        assertThat(ids(get(ada, "/api/convos?search=zanzibar%20december"))).isEmpty();
    }

    @Test
    void theSpecificationsSearchPagesThroughMessages() {
        Person ada = person();
        for (int i = 0; i < 7; i++) {
            conversation(ada, "needle number " + i);
        }
        Http.Response first = get(ada, "/api/search?q=needle&pageSize=5");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("messages")).hasSize(5);
        assertThat(first.json().get("pages").asInt()).isEqualTo(3);
        assertThat(first.json().get("total").asInt()).isEqualTo(14);
        assertThat(get(ada, "/api/search?q=needle&pageSize=5&page=3").json().get("messages")).hasSize(4);
        assertThat(get(ada, "/api/search?q=&page=1").status()).isEqualTo(400);
        assertThat(get(ada, "/api/search?q=needle&page=0").status()).isEqualTo(400);
        assertThat(get(ada, "/api/search?q=needle&pageSize=1000").status()).isEqualTo(400);
        assertThat(get(ada, "/api/search/enable").body()).isEqualTo("true");
    }

    @Test
    void searchNeverCrossesToAnotherPerson() {
        Person ada = person();
        Person bob = person();
        conversation(ada, "secret ingredient");
        assertThat(ids(get(bob, "/api/convos?search=secret"))).isEmpty();
        assertThat(get(bob, "/api/search?q=secret").json().get("messages")).isEmpty();
        assertThat(get(bob, "/api/messages?search=secret").json().get("messages")).isEmpty();
    }

    private static List<String> ids(Http.Response list) {
        List<String> out = new ArrayList<>();
        list.json().get("conversations").forEach(c -> out.add(c.get("conversationId").asString()));
        return out;
    }
}
