package io.parley.chat.provider.anthropic;

import static io.parley.chat.provider.CollectingSink.thoughts;
import static io.parley.chat.provider.CollectingSink.words;
import static io.parley.chat.provider.ProviderConnection.Protocol.ANTHROPIC;
import static io.parley.chat.provider.ProviderFixtures.KEY;
import static io.parley.chat.provider.ProviderFixtures.PROVIDERS;
import static io.parley.chat.provider.ProviderFixtures.connection;
import static io.parley.chat.provider.ProviderFixtures.json;
import static io.parley.chat.provider.ProviderFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.parley.chat.provider.Cancellation;
import io.parley.chat.provider.Completion;
import io.parley.chat.provider.ModelProvider;
import io.parley.chat.provider.ModelRequest;
import io.parley.chat.provider.ProviderException;
import io.parley.chat.provider.CollectingSink;
import io.parley.chat.provider.ProviderFixtures;
import io.parley.chat.provider.ModelRequest.ChatMessage;
import io.parley.chat.provider.ModelRequest.Role;
import io.parley.chat.provider.fake.FakeAnthropic;
import io.parley.chat.provider.fake.FakeServer.Cut;
import io.parley.chat.provider.fake.FakeServer.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AnthropicProviderTest {

    private FakeAnthropic fake;

    @BeforeEach
    void startFake() {
        fake = new FakeAnthropic().tokens(5).expectKey(KEY).start();
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private ModelProvider provider() {
        return provider(Duration.ofSeconds(5), 2);
    }

    private ModelProvider provider(Duration readTimeout, int maxRetries) {
        return PROVIDERS.connect(connection(ANTHROPIC, fake.baseUrl(), KEY, readTimeout, maxRetries));
    }

    @Test
    void streamsTextDeltasInOrderIntoTheSinkAndReturnsThem() {
        CollectingSink sink = new CollectingSink();

        Completion completion = provider().stream(request(Map.of()), sink, new Cancellation());

        assertThat(sink.texts).containsExactly("word1 ", "word2 ", "word3 ", "word4 ", "word5 ");
        assertThat(completion.text()).isEqualTo(words(5));
        assertThat(completion.reasoning()).isNull();
        assertThat(completion.finishReason()).isEqualTo("end_turn");
    }

    @Test
    void routesThinkingDeltasToReasoning() {
        fake.reasoningTokens(3);
        CollectingSink sink = new CollectingSink();

        Completion completion = provider().stream(request(Map.of("thinking", true)), sink, new Cancellation());

        assertThat(sink.reasonings).containsExactly("think1 ", "think2 ", "think3 ");
        assertThat(completion.reasoning()).isEqualTo(thoughts(3));
        assertThat(completion.text()).isEqualTo(words(5));
    }

    @Test
    void readsInputTokensFromMessageStartAndOutputTokensFromMessageDelta() {
        fake.promptTokens(33);

        Completion completion = provider().stream(request(Map.of()), new CollectingSink(), new Cancellation());

        assertThat(completion.usage()).isEqualTo(new Completion.Usage(33, 5));
    }

    @Test
    void sendsAnAttachedImageAsABase64BlockBeforeTheText() {
        provider().stream(ProviderFixtures.requestWithImage(Map.of()), new CollectingSink(), new Cancellation());

        assertThat(json(fake.lastRequest().body()).path("messages")).isEqualTo(json("""
                [{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}},
                 {"type":"text","text":"What is this?"}]}]"""));
    }

    @Test
    void mapsSystemMessagesAndParametersOntoTheWireBody() {
        provider().stream(request(Map.of("temperature", 0.2, "topP", 0.8, "topK", 40, "maxOutputTokens", 1000,
                "stop", List.of("\n\nHuman:"))), new CollectingSink(), new Cancellation());

        RecordedRequest sent = fake.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo(KEY);
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.header("Authorization")).isNull();
        assertThat(sent.header("X-Team")).isEqualTo("parley");
        JsonNode body = json(sent.body());
        assertThat(body.path("model").stringValue()).isEqualTo("fake-model");
        assertThat(body.path("system").stringValue()).isEqualTo("Be brief.");
        assertThat(body.path("messages")).isEqualTo(json("""
                [{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!"},
                 {"role":"user","content":"Tell me more"}]"""));
        assertThat(body.path("stream").booleanValue()).isTrue();
        assertThat(body.path("max_tokens").intValue()).isEqualTo(1000);
        assertThat(body.path("temperature").doubleValue()).isEqualTo(0.2);
        assertThat(body.path("top_p").doubleValue()).isEqualTo(0.8);
        assertThat(body.path("top_k").intValue()).isEqualTo(40);
        assertThat(body.path("stop_sequences")).isEqualTo(json("[\"\\n\\nHuman:\"]"));
        assertThat(body.path("metadata").path("user_id").stringValue()).isEqualTo("user-1");
        assertThat(body.has("thinking")).isFalse();
    }

    @Test
    void defaultsMaxTokensBecauseAnthropicRequiresIt() {
        provider().stream(request(Map.of()), new CollectingSink(), new Cancellation());

        assertThat(json(fake.lastRequest().body()).path("max_tokens").intValue()).isEqualTo(8192);
    }

    @Test
    void enablesThinkingWithItsBudgetAndLeavesSamplingAtDefaults() {
        provider().stream(request(Map.of("thinking", true, "thinkingBudget", 3000, "temperature", 0.2, "topK", 5)),
                new CollectingSink(), new Cancellation());

        JsonNode body = json(fake.lastRequest().body());
        assertThat(body.path("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":3000}"));
        assertThat(body.has("temperature")).isFalse();
        assertThat(body.has("top_k")).isFalse();
    }

    @Test
    void keepsTheThinkingBudgetBelowMaxTokens() {
        provider().stream(request(Map.of("thinking", "true", "maxOutputTokens", 1500)), new CollectingSink(),
                new Cancellation());

        assertThat(json(fake.lastRequest().body()).path("thinking").path("budget_tokens").intValue()).isEqualTo(1499);
    }

    @Test
    void mergesNeighbouringTurnsOfOneRoleAndOpensWithTheUser() {
        ModelRequest request = new ModelRequest("fake-model", null, List.of(
                new ChatMessage(Role.ASSISTANT, "Welcome"),
                new ChatMessage(Role.USER, "first"),
                new ChatMessage(Role.USER, "second"),
                new ChatMessage(Role.ASSISTANT, ""),
                new ChatMessage(Role.USER, "third")), Map.of(), null);

        provider().stream(request, new CollectingSink(), new Cancellation());

        JsonNode body = json(fake.lastRequest().body());
        assertThat(body.path("messages")).isEqualTo(json("""
                [{"role":"user","content":"…"},{"role":"assistant","content":"Welcome"},
                 {"role":"user","content":"first\\n\\nsecond\\n\\nthird"}]"""));
        assertThat(body.has("system")).isFalse();
        assertThat(body.has("metadata")).isFalse();
    }

    @Test
    void addsAddParamsAndRemovesDropParams() {
        ModelProvider provider = PROVIDERS.connect(connection(ANTHROPIC, fake.baseUrl(), KEY,
                Map.of("service_tier", "auto"), List.of("metadata"), Duration.ofSeconds(5), 0));

        provider.stream(request(Map.of()), new CollectingSink(), new Cancellation());

        JsonNode body = json(fake.lastRequest().body());
        assertThat(body.path("service_tier").stringValue()).isEqualTo("auto");
        assertThat(body.has("metadata")).isFalse();
    }

    @Test
    void retriesOverloadedAndRateLimitedAnswersHonouringRetryAfter() {
        fake.failNext(2, 529, null, "0");
        ModelProvider provider = ProviderFixtures.SLOW_RETRIES.connect(
                connection(ANTHROPIC, fake.baseUrl(), KEY, Duration.ofSeconds(5), 2));
        long start = System.nanoTime();

        Completion completion = provider.stream(request(Map.of()), new CollectingSink(), new Cancellation());

        assertThat(completion.text()).isEqualTo(words(5));
        assertThat(fake.requestCount()).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void retriesAnOverloadedErrorEventBeforeTheFirstToken() {
        fake.failMidStream(0, Cut.ERROR_EVENT);

        ProviderException failure = catchThrowableOfType(ProviderException.class,
                () -> provider(Duration.ofSeconds(5), 1).stream(request(Map.of()), new CollectingSink(), new Cancellation()));

        assertThat(failure.status()).isEqualTo(529);
        assertThat(failure.getMessage()).isEqualTo("Anthropic reported an error (529): Overloaded");
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void doesNotRetryAnErrorEventAfterTheFirstToken() {
        fake.failMidStream(3, Cut.ERROR_EVENT);
        CollectingSink sink = new CollectingSink();

        assertThatThrownBy(() -> provider().stream(request(Map.of()), sink, new Cancellation()))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("Overloaded");
        assertThat(sink.text()).isEqualTo(words(3));
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void doesNotRetryADroppedConnectionAfterTheFirstToken() {
        // paced, so the tokens are read before the drop (a dropped connection loses what is in flight)
        fake.delayMs(50).failMidStream(1, Cut.ABORT);
        CollectingSink sink = new CollectingSink();

        assertThatThrownBy(() -> provider().stream(request(Map.of()), sink, new Cancellation()))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("connection failed");
        assertThat(sink.text()).isEqualTo(words(1));
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void doesNotRetryAWrongKeyAndKeepsTheKeyOutOfTheMessage() {
        String wrongKey = "sk-ant-wrong-0a1b2c3d4e5f";
        ModelProvider provider = PROVIDERS.connect(connection(ANTHROPIC, fake.baseUrl(), wrongKey, Duration.ofSeconds(5), 2));

        ProviderException failure = catchThrowableOfType(ProviderException.class,
                () -> provider.stream(request(Map.of()), new CollectingSink(), new Cancellation()));

        assertThat(failure.status()).isEqualTo(401);
        assertThat(failure.getMessage()).isEqualTo("Anthropic answered 401: invalid x-api-key");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void timesOutWhenTheProviderGoesSilent() {
        fake.hang(true);
        long start = System.nanoTime();

        assertThatThrownBy(() -> provider(Duration.ofMillis(300), 2).stream(request(Map.of()), new CollectingSink(),
                new Cancellation()))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void stopsPromptlyWhenCancelledFromAnotherThread() {
        fake.tokens(1000).delayMs(20);
        CollectingSink sink = new CollectingSink();
        Cancellation cancel = new Cancellation();
        AtomicLong cancelledAt = new AtomicLong();
        Thread.ofVirtual().start(() -> {
            try {
                sink.awaitFirstText();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cancelledAt.set(System.nanoTime());
            cancel.cancel();
        });

        assertThatThrownBy(() -> provider().stream(request(Map.of()), sink, cancel))
                .isInstanceOf(ProviderException.Cancelled.class);
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt.get())).isLessThan(Duration.ofMillis(500));
        assertThat(sink.texts).isNotEmpty().hasSizeLessThan(1000);
    }

    @Test
    void completeReadsTextAndThinkingBlocks() {
        fake.reasoningTokens(2);

        Completion completion = provider().complete(request(Map.of("thinking", true)), new Cancellation());

        assertThat(completion.text()).isEqualTo(words(5));
        assertThat(completion.reasoning()).isEqualTo(thoughts(2));
        assertThat(completion.usage()).isEqualTo(new Completion.Usage(10, 7));
        assertThat(completion.finishReason()).isEqualTo("end_turn");
        assertThat(json(fake.lastRequest().body()).path("stream").booleanValue()).isFalse();
    }

    @Test
    void listsModelIds() {
        assertThat(provider().models()).containsExactly("fake-model", "fake-model-2");
        RecordedRequest sent = fake.lastRequest();
        assertThat(sent.path()).startsWith("/v1/models");
        assertThat(sent.header("x-api-key")).isEqualTo(KEY);
    }
}
