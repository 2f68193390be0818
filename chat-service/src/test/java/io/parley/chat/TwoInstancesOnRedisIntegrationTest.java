package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.chat.account.PersonalData;
import io.parley.chat.provider.fake.FakeOpenAi;
import io.parley.common.events.AccountEvents;
import io.parley.common.events.UserDeleted;
import io.parley.common.test.Http;
import io.parley.common.test.TestSigningKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two chat-service instances on one store and the local Redis, as behind a load balancer: a turn
 * started on A is followed, inspected and stopped through B; an account deletion on the events
 * stream is erased by one of them.
 */
class TwoInstancesOnRedisIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REDIS = System.getenv().getOrDefault("REDIS_URI", "redis://127.0.0.1:6379");
    private static final FakeOpenAi MODEL = new FakeOpenAi().expectKey("fake-key").start();
    private static final FakeAuthServices AUTH = new FakeAuthServices();
    private static MongoServer store;
    private static String redisPrefix;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoInstances() {
        store = new MongoServer(new MemoryBackend());
        store.bind("127.0.0.1", 0);
        String storeAddress = "mongodb://127.0.0.1:" + store.getLocalAddress().getPort() + "/parley_chat";
        redisPrefix = "test-" + UUID.randomUUID() + ":";
        a = instance(storeAddress, redisPrefix);
        b = instance(storeAddress, redisPrefix);
    }

    private static ConfigurableApplicationContext instance(String storeAddress, String redisPrefix) {
        return new SpringApplicationBuilder(ChatApplication.class, TestSigningKey.Trusted.class).run(
                "--server.port=0", "--spring.grpc.server.port=0", "--LOG_FORMAT=",
                "--spring.mongodb.uri=" + storeAddress, "--parley.redis.uri=" + REDIS,
                "--parley.redis.key-prefix=" + redisPrefix,
                // a stopping instance waits for the events read in progress: short, so the test ends soon
                "--parley.events.poll-timeout=200ms", "--parley.chat.message-limits.ip=false",
                "--spring.grpc.client.channels.auth.address=static://127.0.0.1:" + AUTH.port(),
                "--librechat.endpoints.custom[0].name=FakeAI", "--librechat.endpoints.custom[0].apiKey=fake-key",
                "--librechat.endpoints.custom[0].baseURL=" + MODEL.baseUrl(),
                "--librechat.endpoints.custom[0].models.default[0]=fake-model");
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
        store.shutdown();
        MODEL.close();
        // the events stream has no expiry: gone with this run's other keys
        Config config = new Config();
        config.useSingleServer().setAddress(REDIS);
        RedissonClient redis = Redisson.create(config);
        redis.getKeys().deleteByPattern(redisPrefix + "*");
        redis.shutdown();
    }

    private static String url(ConfigurableApplicationContext instance) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Http.Response response) {
        return JSON.readValue(response.body(), Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTurnStartedOnOneInstanceIsFollowedAndStoppedThroughAnother() throws Exception {
        ChatIntegrationTest.Person alice = ChatIntegrationTest.person("default");
        MODEL.delayMs(50).tokens(200);
        Http onA = new Http(url(a));
        Http onB = new Http(url(b));
        Http.Response started = onA.post("/api/agents/chat/FakeAI", """
                {"text":"Across instances","parentMessageId":"00000000-0000-0000-0000-000000000000",
                 "endpoint":"FakeAI","model":"fake-model"}""", alice.auth());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String convo = (String) json(started).get("conversationId");

        try (SseStream stream = new SseStream(url(b) + "/api/agents/chat/stream/" + convo, alice.auth())) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.next().data()).containsEntry("created", true);
            for (int seen = 0; seen < 3; ) {
                if ("on_message_delta".equals(stream.next().event())) {
                    seen++;
                }
            }
            assertThat(json(onB.get("/api/agents/chat/status/" + convo, alice.auth()))).containsEntry("active", true)
                    .containsEntry("status", "running");
            assertThat(json(onB.get("/api/agents/chat/active", alice.auth())).get("activeJobIds")).isEqualTo(List.of(convo));

            Http.Response aborted = onB.post("/api/agents/chat/abort", "{\"streamId\":\"" + convo + "\"}", alice.auth());
            assertThat(json(aborted)).containsEntry("success", true);
            SseStream.Event last = stream.rest().getLast();
            assertThat(last.data()).containsEntry("final", true).containsEntry("aborted", true);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(json(onB.get("/api/agents/chat/status/" + convo, alice.auth()))).containsEntry("status", "aborted"));
        List<Map<String, Object>> saved = JSON.readValue(onB.get("/api/messages/" + convo, alice.auth()).body(), List.class);
        assertThat(saved).hasSize(2);
        assertThat(saved.get(1)).containsEntry("unfinished", true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSteerSentThroughOneInstanceWaitsWithTheTurnRunningOnAnotherAndRidesItsFinalEvent() throws Exception {
        ChatIntegrationTest.Person alice = ChatIntegrationTest.person("default");
        ChatIntegrationTest.Person mallory = ChatIntegrationTest.person("default");
        Http onA = new Http(url(a));
        Http onB = new Http(url(b));
        MODEL.delayMs(0).tokens(20).holdFirstToken(true);
        try {
            String convo = (String) json(onA.post("/api/agents/chat/FakeAI", """
                    {"text":"Steer me","parentMessageId":"00000000-0000-0000-0000-000000000000","endpoint":"FakeAI",
                     "model":"fake-model"}""", alice.auth())).get("conversationId");
            await().atMost(Duration.ofSeconds(10)).until(() -> MODEL.waiting() >= 1);
            String steer = """
                    {"conversationId":"%s","clientSteerId":"c-across","text":"Shorter, please"}""".formatted(convo);
            assertThat(onB.post("/api/agents/chat/steer", steer, mallory.auth()).status()).isEqualTo(404);
            Http.Response steered = onB.post("/api/agents/chat/steer", steer, alice.auth());
            assertThat(steered.status()).as(steered.body()).isEqualTo(202);
            String steerId = (String) json(steered).get("steerId");
            assertThat(json(onB.post("/api/agents/chat/steer", steer, alice.auth()))).containsEntry("steerId", steerId)
                    .containsEntry("replayed", true).containsEntry("settled", false);

            Map<String, Object> resumeState = (Map<String, Object>) json(onA.get("/api/agents/chat/status/" + convo,
                    alice.auth())).get("resumeState");
            assertThat((List<Map<String, Object>>) resumeState.get("pendingSteers")).singleElement()
                    .satisfies(p -> assertThat(p).containsEntry("steerId", steerId).containsEntry("text", "Shorter, please"));

            try (SseStream stream = new SseStream(url(b) + "/api/agents/chat/stream/" + convo, alice.auth())) {
                MODEL.release();
                SseStream.Event fin = stream.rest().getLast();
                assertThat(fin.isFinal()).isTrue();
                assertThat((List<Map<String, Object>>) fin.data().get("pendingSteers")).singleElement()
                        .satisfies(p -> assertThat(p).containsEntry("steerId", steerId));
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    (List<Map<String, Object>>) json(onB.get("/api/agents/chat/status/" + convo, alice.auth()))
                            .get("unrecoveredSteers")).extracting(p -> p.get("steerId")).containsExactly(steerId));
            assertThat(onA.post("/api/agents/chat/steer", steer.replace("c-across", "c-late"), alice.auth()).status())
                    .isEqualTo(404);
        } finally {
            MODEL.holdFirstToken(false);
        }
    }

    @Test
    void anotherPersonGetsNothingOfTheTurnFromTheOtherInstance() throws Exception {
        ChatIntegrationTest.Person alice = ChatIntegrationTest.person("default");
        ChatIntegrationTest.Person mallory = ChatIntegrationTest.person("default");
        MODEL.delayMs(0).tokens(50);
        Http onA = new Http(url(a));
        Http onB = new Http(url(b));
        String convo = (String) json(onA.post("/api/agents/chat/FakeAI", """
                {"text":"Private","parentMessageId":"00000000-0000-0000-0000-000000000000","endpoint":"FakeAI",
                 "model":"fake-model"}""", alice.auth())).get("conversationId");
        assertThat(onB.get("/api/agents/chat/stream/" + convo, mallory.auth()).status()).isEqualTo(404);
        assertThat(onB.post("/api/agents/chat/abort", "{\"streamId\":\"" + convo + "\"}", mallory.auth()).status())
                .isEqualTo(404);
        Http.Response replay = onB.get("/api/agents/chat/stream/" + convo, alice.auth());
        assertThat(replay.body()).contains("\"final\":true");
    }

    @Test
    void anAccountDeletionOnTheStreamErasesThePersonsChatDataOnce() {
        ChatIntegrationTest.Person ada = ChatIntegrationTest.person("acme");
        ChatIntegrationTest.Person bob = ChatIntegrationTest.person("acme");
        ChatIntegrationTest.Person adaElsewhere = ChatIntegrationTest.person(ada.id(), "other");
        PersonalData.create(new Http(url(a)), ada.auth());
        PersonalData.create(new Http(url(b)), bob.auth());
        PersonalData.create(new Http(url(a)), adaElsewhere.auth());
        MongoTemplate mongo = a.getBean(MongoTemplate.class);
        double erasedBefore = erasures(a) + erasures(b);

        a.getBean(AccountEvents.class).publish(UserDeleted.of("acme", ada.id()));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(PersonalData.count(mongo, "acme", ada.id()))
                .allSatisfy((kind, count) -> assertThat(count).as(kind).isZero()));
        await().atMost(Duration.ofSeconds(5)).until(() -> erasures(a) + erasures(b) == erasedBefore + 1);
        assertThat(PersonalData.count(mongo, "acme", bob.id()))
                .allSatisfy((kind, count) -> assertThat(count).as(kind).isPositive());
        assertThat(PersonalData.count(mongo, "other", ada.id()))
                .allSatisfy((kind, count) -> assertThat(count).as(kind).isPositive());
    }

    /** Account events this instance has erased (Micrometer's {@code parley.account.erasures}). */
    private static double erasures(ConfigurableApplicationContext instance) {
        Counter counter = instance.getBean(MeterRegistry.class).find("parley.account.erasures").tag("outcome", "erased").counter();
        return counter == null ? 0 : counter.count();
    }
}
