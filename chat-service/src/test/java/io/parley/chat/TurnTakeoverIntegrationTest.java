package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.parley.chat.provider.fake.FakeOpenAi;
import io.parley.common.test.Http;
import io.parley.common.test.TestSigningKey;
import io.parley.proto.auth.v1.SettleRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A turn outlives the chat-service instance running it: instances on one store and the local Redis,
 * one of which stops mid-turn without finishing anything (its context closed: it renews no lease and
 * writes nothing shared from then on, as after a kill). The survivor, on the default lease timings,
 * takes the turn over and ends it.
 */
class TurnTakeoverIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REDIS = System.getenv().getOrDefault("REDIS_URI", "redis://127.0.0.1:6379");
    private static final String NO_PARENT = "00000000-0000-0000-0000-000000000000";
    private static final FakeOpenAi MODEL = new FakeOpenAi().expectKey("fake-key").start();
    private static final FakeAuthServices AUTH = new FakeAuthServices();
    private static MongoServer store;
    private static String storeAddress;
    private static String redisPrefix;
    private static RedissonClient redis;
    /** Default lease timings: lease 6 s, renewed every 2 s, swept every 2 s. */
    private static ConfigurableApplicationContext survivor;

    @BeforeAll
    static void startSurvivor() {
        store = new MongoServer(new MemoryBackend());
        store.bind("127.0.0.1", 0);
        storeAddress = "mongodb://127.0.0.1:" + store.getLocalAddress().getPort() + "/parley_chat";
        redisPrefix = "test-" + UUID.randomUUID() + ":";
        Config config = new Config();
        config.useSingleServer().setAddress(REDIS);
        redis = Redisson.create(config);
        survivor = instance();
    }

    @AfterAll
    static void stop() {
        survivor.close();
        store.shutdown();
        MODEL.close();
        redis.getKeys().deleteByPattern(redisPrefix + "*");
        redis.shutdown();
    }

    @BeforeEach
    void reset() {
        AUTH.reset();
        MODEL.healthy().clearRequests();
    }

    private static ConfigurableApplicationContext instance(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--spring.grpc.server.port=0", "--LOG_FORMAT=",
                "--spring.mongodb.uri=" + storeAddress, "--parley.redis.uri=" + REDIS,
                "--parley.redis.key-prefix=" + redisPrefix,
                "--parley.events.poll-timeout=200ms", "--parley.chat.message-limits.ip=false",
                "--spring.grpc.client.channels.auth.address=static://127.0.0.1:" + AUTH.port(),
                "--librechat.endpoints.custom[0].name=FakeAI", "--librechat.endpoints.custom[0].apiKey=fake-key",
                "--librechat.endpoints.custom[0].baseURL=" + MODEL.baseUrl(),
                "--librechat.endpoints.custom[0].models.default[0]=fake-model"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(ChatApplication.class, TestSigningKey.Trusted.class).run(args.toArray(String[]::new));
    }

    private static String url(ConfigurableApplicationContext instance) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Http.Response response) {
        return JSON.readValue(response.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Http.Response response) {
        return JSON.readValue(response.body(), List.class);
    }

    private static String firstTurn(String text) {
        return """
                {"text":"%s","parentMessageId":"%s","endpoint":"FakeAI","model":"fake-model"}""".formatted(text, NO_PARENT);
    }

    /** The settlements of turns' answers, titles left out. */
    private static List<SettleRequest> answerSettlements() {
        return AUTH.settles.stream().filter(settle -> !"title".equals(settle.getContext())).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTurnWhoseInstanceStopsIsEndedByAnotherWithinTenSecondsSavedAsFailedSettledOnceAndTheConversationGoesOn()
            throws Exception {
        ChatIntegrationTest.Person alice = ChatIntegrationTest.person("default");
        // About 12 s of answer: far longer than the takeover takes.
        MODEL.delayMs(30).tokens(400);
        ConfigurableApplicationContext doomed = instance();
        Http onSurvivor = new Http(url(survivor));
        Http.Response started = new Http(url(doomed)).post("/api/agents/chat/FakeAI", firstTurn("Outlive me"), alice.auth());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String convo = (String) json(started).get("conversationId");

        long stoppedAt;
        long endedAt;
        long leaseUntil;
        SseStream.Event last = null;
        try (SseStream follower = new SseStream(url(survivor) + "/api/agents/chat/stream/" + convo, alice.auth())) {
            assertThat(follower.status).isEqualTo(200);
            assertThat(follower.next().data()).containsEntry("created", true);
            for (int seen = 0; seen < 5; ) {
                if ("on_message_delta".equals(follower.next().event())) {
                    seen++;
                }
            }
            // a steer waiting when the instance stops: the turn has no boundary left, so it is left over
            Http.Response steered = onSurvivor.post("/api/agents/chat/steer", """
                    {"conversationId":"%s","clientSteerId":"c-outlive","text":"And Rome?"}""".formatted(convo), alice.auth());
            assertThat(steered.status()).as(steered.body()).isEqualTo(202);
            stoppedAt = System.nanoTime();
            doomed.close();
            leaseUntil = Long.parseLong(redis.<String, String>getMap(
                    redisPrefix + "job:{default:" + alice.id() + "}:" + convo, StringCodec.INSTANCE).get("leaseUntil"));
            // what reached Redis before the instance stopped, then the end another instance sends
            for (SseStream.Event event = follower.next(Duration.ofSeconds(15)); event != null;
                 event = follower.next(Duration.ofSeconds(15))) {
                last = event;
            }
            endedAt = System.nanoTime();
        }
        long sinceStopMs = TimeUnit.NANOSECONDS.toMillis(endedAt - stoppedAt);
        long sinceLapseMs = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - endedAt) - leaseUntil;
        System.out.printf("takeover: owner stopped -> followers' error event %d ms; lease lapsed -> error event %d ms%n",
                sinceStopMs, sinceLapseMs);
        assertThat(sinceStopMs).isLessThan(10_000);
        assertThat(last).isNotNull();
        assertThat(last.type()).isEqualTo("error");
        assertThat((String) last.data().get("error")).contains("interrupted");

        Map<String, Object> ended = json(onSurvivor.get("/api/agents/chat/status/" + convo, alice.auth()));
        assertThat(ended).containsEntry("active", false).containsEntry("status", "error");
        assertThat((List<Map<String, Object>>) ended.get("unrecoveredSteers")).singleElement()
                .satisfies(steer -> assertThat(steer).containsEntry("text", "And Rome?").containsEntry("clientSteerId", "c-outlive"));
        assertThat(json(onSurvivor.get("/api/agents/chat/active", alice.auth())).get("activeJobIds")).isEqualTo(List.of());
        List<Map<String, Object>> saved = list(onSurvivor.get("/api/messages/" + convo, alice.auth()));
        assertThat(saved).hasSize(2);
        Map<String, Object> answer = saved.get(1);
        assertThat(answer).containsEntry("error", true).containsEntry("isCreatedByUser", false)
                .containsEntry("parentMessageId", saved.getFirst().get("messageId")).containsEntry("sender", "FakeAI")
                .containsEntry("model", "fake-model").containsEntry("endpoint", "FakeAI");
        List<Map<String, Object>> parts = (List<Map<String, Object>>) answer.get("content");
        assertThat((String) parts.getFirst().get("text")).startsWith("word1 word2 word3 word4 word5 ").doesNotContain("word400");
        assertThat(parts.getLast()).containsEntry("type", "error");
        assertThat((Integer) answer.get("tokenCount")).isPositive();

        List<SettleRequest> settled = answerSettlements();
        assertThat(settled).hasSize(1);
        assertThat(settled.getFirst().getHoldId()).isNotEmpty();
        assertThat(settled.getFirst().getContext()).isEqualTo("message");
        assertThat(settled.getFirst().getCompletionTokens()).isEqualTo(((Integer) answer.get("tokenCount")).longValue());

        Http.Response resumed = onSurvivor.get("/api/agents/chat/stream/" + convo + "?resume=true", alice.auth());
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.body()).startsWith("event: message\ndata: {\"sync\":true").contains("event: error\n");

        MODEL.delayMs(0).tokens(5);
        Http.Response followUp = onSurvivor.post("/api/agents/chat/FakeAI", """
                {"text":"Go on","parentMessageId":"%s","conversationId":"%s","endpoint":"FakeAI","model":"fake-model"}"""
                .formatted(answer.get("messageId"), convo), alice.auth());
        assertThat(followUp.status()).as(followUp.body()).isEqualTo(200);
        try (SseStream stream = new SseStream(url(survivor) + "/api/agents/chat/stream/" + convo, alice.auth())) {
            SseStream.Event fin = stream.rest().getLast();
            assertThat(fin.isFinal()).isTrue();
            assertThat((Map<String, Object>) fin.data().get("responseMessage")).containsEntry("error", false);
        }
        assertThat(list(onSurvivor.get("/api/messages/" + convo, alice.auth()))).hasSize(4);
        assertThat(answerSettlements()).hasSize(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTurnWhoseLeaseIsRenewedIsNeverTakenOverThoughItRunsLongerThanItsLease() throws Exception {
        ChatIntegrationTest.Person bob = ChatIntegrationTest.person("default");
        // A 1 s lease renewed every 250 ms, a turn of about 4 s; the survivor sweeps for lapsed leases meanwhile.
        ConfigurableApplicationContext owner = instance("--parley.chat.jobs.lease=1s", "--parley.chat.jobs.lease-renewal=250ms",
                "--parley.chat.jobs.takeover-sweep=250ms");
        try {
            MODEL.delayMs(40).tokens(100);
            Http onSurvivor = new Http(url(survivor));
            Http.Response started = new Http(url(owner)).post("/api/agents/chat/FakeAI", firstTurn("Take your time"), bob.auth());
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            String convo = (String) json(started).get("conversationId");

            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "running".equals(json(onSurvivor.get("/api/agents/chat/status/" + convo, bob.auth())).get("status")));

            try (SseStream follower = new SseStream(url(survivor) + "/api/agents/chat/stream/" + convo, bob.auth())) {
                SseStream.Event fin = follower.rest().getLast();
                assertThat(fin.type()).isEqualTo("message");
                assertThat(fin.data()).containsEntry("final", true).doesNotContainKey("aborted");
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(json(onSurvivor.get(
                    "/api/agents/chat/status/" + convo, bob.auth()))).containsEntry("status", "complete"));
            Map<String, Object> answer = list(onSurvivor.get("/api/messages/" + convo, bob.auth())).get(1);
            assertThat(answer).containsEntry("error", false).containsEntry("unfinished", false);
            assertThat((String) ((List<Map<String, Object>>) answer.get("content")).getFirst().get("text")).endsWith("word100 ");
            assertThat(answerSettlements()).singleElement().satisfies(settle -> assertThat(settle.getContext()).isEqualTo("message"));
        } finally {
            owner.close();
        }
    }
}
