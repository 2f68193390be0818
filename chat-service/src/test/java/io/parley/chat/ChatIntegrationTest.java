package io.parley.chat;

import io.parley.chat.provider.fake.FakeAnthropic;
import io.parley.chat.provider.fake.FakeGemini;
import io.parley.chat.provider.fake.FakeOpenAi;
import io.parley.common.test.Http;
import io.parley.common.test.TestSigningKey;
import io.parley.common.test.Tokens;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * chat-service on a random port with an in-memory store. Its verification keys are the test's own
 * (in the running system they come from auth-service over gRPC), so tests can act as any user of
 * any tenant.
 */
@Import(TestSigningKey.Trusted.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.mongo.embedded.backend=memory", "spring.grpc.server.port=0", "LOG_FORMAT=",
        "parley.chat.import-max-file-size=1MB", "parley.chat.message-limits.ip=false", "DEMO_ENDPOINT=true"})
public abstract class ChatIntegrationTest {

    /** An OpenAI-compatible model on loopback, shared by every test of the run (tests reset it). */
    protected static final FakeOpenAi MODEL = new FakeOpenAi().expectKey("fake-key").start();
    /** auth-service's balances and settings, as far as chat-service uses them. */
    protected static final FakeAuthServices AUTH = new FakeAuthServices();
    /** Anthropic's Messages API on loopback, the built-in {@code anthropic} endpoint. */
    protected static final FakeAnthropic CLAUDE = new FakeAnthropic().expectKey("fake-anthropic-key").start();
    /** Google's Gemini API on loopback, the built-in {@code google} endpoint. */
    protected static final FakeGemini GEMINI = new FakeGemini().expectKey("fake-google-key").start();
    /** agent-service's Agents and mcp-service's Tools, for agent runs. */
    protected static final FakeAgentServices AGENTS = new FakeAgentServices();
    /** file-service's Files, for attachments. */
    protected static final FakeFileService FILES = new FakeFileService();

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        // A list binds from one property source only, so the whole endpoint is given here.
        registry.add("librechat.endpoints.custom[0].name", () -> "FakeAI");
        registry.add("librechat.endpoints.custom[0].apiKey", () -> "fake-key");
        registry.add("librechat.endpoints.custom[0].baseURL", MODEL::baseUrl);
        registry.add("librechat.endpoints.custom[0].models.default[0]", () -> "fake-model");
        registry.add("librechat.endpoints.custom[0].models.default[1]", () -> "fake-model-2");
        registry.add("librechat.endpoints.custom[0].titleConvo", () -> "true");
        registry.add("librechat.endpoints.custom[0].modelDisplayLabel", () -> "FakeAI");
        registry.add("librechat.endpoints.custom[1].name", () -> "OwnKey");
        registry.add("librechat.endpoints.custom[1].apiKey", () -> "user_provided");
        registry.add("librechat.endpoints.custom[1].baseURL", MODEL::baseUrl);
        registry.add("librechat.endpoints.custom[1].models.default[0]", () -> "fake-model");
        registry.add("spring.grpc.client.channels.auth.address", () -> "static://127.0.0.1:" + AUTH.port());
        registry.add("spring.grpc.client.channels.agent.address", () -> "static://127.0.0.1:" + AGENTS.port());
        registry.add("spring.grpc.client.channels.mcp.address", () -> "static://127.0.0.1:" + AGENTS.port());
        registry.add("spring.grpc.client.channels.file.address", () -> "static://127.0.0.1:" + FILES.port());
        registry.add("parley.chat.providers.anthropic.api-key", () -> "fake-anthropic-key");
        registry.add("parley.chat.providers.anthropic.base-url", CLAUDE::baseUrl);
        registry.add("parley.chat.providers.anthropic.models", () -> "claude-fake");
        registry.add("parley.chat.providers.google.api-key", () -> "fake-google-key");
        registry.add("parley.chat.providers.google.base-url", GEMINI::baseUrl);
        registry.add("parley.chat.providers.google.models", () -> "gemini-fake");
    }

    @LocalServerPort
    protected int port;

    protected Http http;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
        MODEL.healthy().tokens(50).delayMs(0).reasoningTokens(0).clearRequests();
        CLAUDE.healthy().tokens(50).delayMs(0).reasoningTokens(0).clearRequests();
        GEMINI.healthy().tokens(50).delayMs(0).reasoningTokens(0).clearRequests();
        AUTH.reset();
        AGENTS.reset();
    }

    /** A person of {@code tenant} with a fresh id. */
    protected static Person person(String tenant) {
        return new Person(new ObjectId().toHexString(), tenant);
    }

    protected static Person person() {
        return person("default");
    }

    /** The person with {@code id} in {@code tenant}, e.g. the same user id in another tenant. */
    protected static Person person(String id, String tenant) {
        return new Person(id, tenant);
    }

    protected static String uuid() {
        return UUID.randomUUID().toString();
    }

    protected record Person(String id, String tenant) {

        public String[] auth() {
            return new String[] {"Authorization", "Bearer " + Tokens.accessToken(id, tenant, "USER", null)};
        }
    }

    protected Http.Response get(Person who, String path) {
        return http.get(path, who.auth());
    }

    protected Http.Response post(Person who, String path, String body) {
        return http.post(path, body, who.auth());
    }

    protected Http.Response send(Person who, String method, String path, String body) {
        return http.send(method, path, body, who.auth());
    }

    /** Saves a message the way LibreChat's client does; returns the response. */
    protected Http.Response saveMessage(Person who, String conversationId, String messageId, String parentId, String text) {
        return post(who, "/api/messages/" + conversationId, """
                {"messageId":"%s","conversationId":"%s","parentMessageId":"%s","text":"%s","sender":"User",
                 "isCreatedByUser":true,"endpoint":"openAI","model":"gpt-4o"}""".formatted(messageId, conversationId, parentId, text));
    }

    /** A conversation of two messages; returns its id. */
    protected String conversation(Person who, String text) {
        String convo = uuid();
        String first = uuid();
        saveMessage(who, convo, first, "00000000-0000-0000-0000-000000000000", text);
        saveMessage(who, convo, uuid(), first, "Reply to " + text);
        return convo;
    }

}
