package io.parley.chat.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** LibreChat's message limiters per client address and per person, with their denial events. */
@TestPropertySource(properties = {"parley.chat.message-limits.ip=true", "parley.chat.message-limits.ip-max=2",
        "parley.chat.message-limits.user=true", "parley.chat.message-limits.user-max=3", "parley.bans.interval=1"})
class MessageLimitIntegrationTest extends ChatIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.parley.common.redis.Violations violations;

    @Test
    void aClientOverTheMessageLimitGetsLibreChatsDenialAndNothingIsStored() {
        String ip = "192.0.2." + (int) (Math.random() * 250 + 1);
        Person alice = person();
        for (int i = 0; i < 2; i++) {
            assertThat(http.post("/api/agents/chat/FakeAI", TurnIntegrationTest.firstTurn("ok " + i),
                    header(alice, ip)).status()).isEqualTo(200);
        }
        Http.Response denied = http.post("/api/agents/chat/FakeAI", TurnIntegrationTest.firstTurn("one too many"),
                header(alice, ip));

        assertThat(denied.status()).isEqualTo(429);
        assertThat(denied.body()).startsWith("event: message\ndata: {\"message\":{")
                .contains("\"created\":true")
                .contains("event: error\ndata: ")
                .contains("\\\"type\\\":\\\"message_limit\\\"").contains("\\\"max\\\":2");
        assertThat(http.post("/api/agents/chat/FakeAI", TurnIntegrationTest.firstTurn("another address"),
                header(alice, "198.51.100.7")).status()).isEqualTo(200);
        assertThat((java.util.List<?>) TurnIntegrationTest.json(get(alice, "/api/convos")).get("conversations")).hasSize(3);
        // The refusal counted towards a ban of the person, which the gateway enforces; the address others share is not banned.
        assertThat(violations.banned(alice.tenant(), null, alice.id()).toCompletableFuture().join()).isPresent();
        assertThat(violations.banned(alice.tenant(), ip, null).toCompletableFuture().join()).isEmpty();
    }

    @Test
    void aPersonOverTheirOwnLimitIsDeniedFromEveryAddressAndOthersAreNot() {
        Person bob = person();
        String prefix = "203.0.113.";
        int base = (int) (Math.random() * 200);
        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/api/agents/chat/FakeAI", TurnIntegrationTest.firstTurn("mine " + i),
                    header(bob, prefix + (base + i))).status()).as("turn %d", i).isEqualTo(200);
        }
        Http.Response denied = http.post("/api/agents/chat/FakeAI", TurnIntegrationTest.firstTurn("a fresh address"),
                header(bob, prefix + (base + 10)));

        assertThat(denied.status()).isEqualTo(429);
        assertThat(denied.body()).contains("\\\"limiter\\\":\\\"user\\\"").contains("\\\"max\\\":3");
        assertThat((java.util.List<?>) TurnIntegrationTest.json(get(bob, "/api/convos")).get("conversations")).hasSize(3);
        Person carol = person();
        assertThat(http.post("/api/agents/chat/FakeAI", TurnIntegrationTest.firstTurn("someone else"),
                header(carol, prefix + (base + 10))).status()).isEqualTo(200);
    }

    private static String[] header(Person who, String ip) {
        String[] auth = who.auth();
        return new String[] {auth[0], auth[1], "X-Parley-Client-Ip", ip};
    }
}
