package io.parley.chat.provider.openai;

import static io.parley.chat.provider.CollectingSink.thoughts;
import static io.parley.chat.provider.CollectingSink.words;
import static io.parley.chat.provider.ProviderConnection.Protocol.OPENAI;
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
import io.parley.chat.provider.ProviderException;
import io.parley.chat.provider.CollectingSink;
import io.parley.chat.provider.ProviderFixtures;
import io.parley.chat.provider.fake.FakeOpenAi;
import io.parley.chat.provider.fake.FakeServer.Cut;
import io.parley.chat.provider.fake.FakeServer.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenAiProviderTest {

    private FakeOpenAi fake;

    @BeforeEach
    void startFake() {
        fake = new FakeOpenAi().tokens(5).expectKey(KEY).start();
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private ModelProvider provider() {
        return provider(Duration.ofSeconds(5), 2);
    }

    private ModelProvider provider(Duration readTimeout, int maxRetries) {
        return PROVIDERS.connect(connection(OPENAI, fake.baseUrl(), KEY, readTimeout, maxRetries));
    }

    @Test
    void streamsTextInOrderIntoTheSinkAndReturnsIt() {
        CollectingSink sink = new CollectingSink();

        Completion completion = provider().stream(request(Map.of()), sink, new Cancellation());

        assertThat(sink.texts).containsExactly("word1 ", "word2 ", "word3 ", "word4 ", "word5 ");
        assertThat(completion.text()).isEqualTo(words(5));
        assertThat(completion.reasoning()).isNull();
        assertThat(completion.finishReason()).isEqualTo("stop");
    }

    @Test
    void routesReasoningContentToReasoning() {
        fake.reasoningTokens(3);
        CollectingSink sink = new CollectingSink();

        Completion completion = provider().stream(request(Map.of()), sink, new Cancellation());

        assertThat(sink.reasonings).containsExactly("think1 ", "think2 ", "think3 ");
        assertThat(completion.reasoning()).isEqualTo(thoughts(3));
        assertThat(completion.text()).isEqualTo(words(5));
    }

    @Test
    void readsUsageFromTheLastChunk() {
        fake.reasoningTokens(2).promptTokens(42);

        Completion completion = provider().stream(request(Map.of()), new CollectingSink(), new Cancellation());

        assertThat(completion.usage()).isEqualTo(new Completion.Usage(42, 7));
    }

    @Test
    void mapsMessagesAndParametersOntoTheWireBody() {
        provider().stream(request(Map.of("temperature", 0.3, "topP", 0.9, "maxOutputTokens", 100,
                "stop", List.of("END"), "reasoning_effort", "low", "frequency_penalty", 0.5, "thinking", true)),
                new CollectingSink(), new Cancellation());

        RecordedRequest sent = fake.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.header("X-Team")).isEqualTo("parley");
        assertThat(sent.header("Accept")).isEqualTo("text/event-stream");
        JsonNode body = json(sent.body());
        assertThat(body.path("model").stringValue()).isEqualTo("fake-model");
        assertThat(body.path("messages")).isEqualTo(json("""
                [{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"},
                 {"role":"assistant","content":"Hello!"},{"role":"user","content":"Tell me more"}]"""));
        assertThat(body.path("stream").booleanValue()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").booleanValue()).isTrue();
        assertThat(body.path("user").stringValue()).isEqualTo("user-1");
        assertThat(body.path("temperature").doubleValue()).isEqualTo(0.3);
        assertThat(body.path("top_p").doubleValue()).isEqualTo(0.9);
        assertThat(body.path("max_tokens").intValue()).isEqualTo(100);
        assertThat(body.path("stop").toString()).isEqualTo("[\"END\"]");
        assertThat(body.path("reasoning_effort").stringValue()).isEqualTo("low");
        assertThat(body.path("frequency_penalty").doubleValue()).isEqualTo(0.5);
        assertThat(body.has("thinking")).as("a parameter this protocol has no use for").isFalse();
    }

    @Test
    void sendsAnAttachedImageAsADataUrlPartWithTheImageDetail() {
        provider().stream(ProviderFixtures.requestWithImage(Map.of("imageDetail", "high")), new CollectingSink(),
                new Cancellation());

        assertThat(json(fake.lastRequest().body()).path("messages").get(1)).isEqualTo(json("""
                {"role":"user","content":[{"type":"text","text":"What is this?"},
                 {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBOR","detail":"high"}}]}"""));
    }

    @Test
    void addsAddParamsAndRemovesDropParams() {
        ModelProvider provider = PROVIDERS.connect(connection(OPENAI, fake.baseUrl(), KEY,
                Map.of("custom_flag", true, "temperature", 1.0), List.of("user", "stream_options"),
                Duration.ofSeconds(5), 0));

        provider.stream(request(Map.of("temperature", 0.3)), new CollectingSink(), new Cancellation());

        JsonNode body = json(fake.lastRequest().body());
        assertThat(body.path("custom_flag").booleanValue()).isTrue();
        assertThat(body.path("temperature").doubleValue()).isEqualTo(1.0);
        assertThat(body.has("user")).isFalse();
        assertThat(body.has("stream_options")).isFalse();
    }

    @Test
    void completesWithoutUsageWhenTheServerSendsNone() {
        fake.includeUsage(false);

        Completion completion = provider().stream(request(Map.of()), new CollectingSink(), new Cancellation());

        assertThat(completion.usage()).isNull();
        assertThat(completion.text()).isEqualTo(words(5));
    }

    @Test
    void retriesA429AndHonoursRetryAfter() {
        fake.failNext(1, 429, null, "0");
        ModelProvider provider = ProviderFixtures.SLOW_RETRIES.connect(
                connection(OPENAI, fake.baseUrl(), KEY, Duration.ofSeconds(5), 2));
        long start = System.nanoTime();

        Completion completion = provider.stream(request(Map.of()), new CollectingSink(), new Cancellation());

        assertThat(completion.text()).isEqualTo(words(5));
        assertThat(fake.requestCount()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void retriesServerErrorsBeforeTheFirstToken() {
        fake.failNext(2, 502);

        Completion completion = provider().stream(request(Map.of()), new CollectingSink(), new Cancellation());

        assertThat(completion.text()).isEqualTo(words(5));
        assertThat(fake.requestCount()).isEqualTo(3);
    }

    @Test
    void givesUpAfterMaxRetries() {
        fake.failNext(5, 503);

        ProviderException failure = catchThrowableOfType(ProviderException.class,
                () -> provider(Duration.ofSeconds(5), 1).stream(request(Map.of()), new CollectingSink(), new Cancellation()));

        assertThat(failure.status()).isEqualTo(503);
        assertThat(failure.getMessage()).startsWith("OpenAI-compatible provider answered 503: The server had an error");
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void retriesAConnectionDroppedBeforeTheFirstToken() {
        fake.failMidStream(0, Cut.ABORT);

        assertThatThrownBy(() -> provider(Duration.ofSeconds(5), 1).stream(request(Map.of()), new CollectingSink(),
                new Cancellation()))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("connection failed");
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void doesNotRetryAConnectionDroppedAfterTheFirstToken() {
        // paced, so the tokens are read before the drop (a dropped connection loses what is in flight)
        fake.delayMs(50).failMidStream(2, Cut.ABORT);
        CollectingSink sink = new CollectingSink();

        assertThatThrownBy(() -> provider().stream(request(Map.of()), sink, new Cancellation()))
                .isInstanceOf(ProviderException.class);
        assertThat(sink.text()).isEqualTo(words(2));
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void doesNotRetryAnErrorSentInsideTheStreamAfterTheFirstToken() {
        fake.failMidStream(1, Cut.ERROR_EVENT);
        CollectingSink sink = new CollectingSink();

        assertThatThrownBy(() -> provider().stream(request(Map.of()), sink, new Cancellation()))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("The server had an error while processing your request");
        assertThat(sink.text()).isEqualTo(words(1));
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void doesNotRetryAWrongKeyAndKeepsTheKeyOutOfTheMessage() {
        String wrongKey = "sk-wrong-9c8b7a6d5e4f3a2b";
        ModelProvider provider = PROVIDERS.connect(connection(OPENAI, fake.baseUrl(), wrongKey, Duration.ofSeconds(5), 2));

        ProviderException failure = catchThrowableOfType(ProviderException.class,
                () -> provider.stream(request(Map.of()), new CollectingSink(), new Cancellation()));

        assertThat(failure.status()).isEqualTo(401);
        assertThat(failure.getMessage()).startsWith("OpenAI-compatible provider answered 401: Incorrect API key provided")
                .doesNotContain(wrongKey);
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void scrubsTheKeyWhenTheProviderEchoesIt() {
        fake.failNext(1, 400, "Key " + KEY + " may not use this model", null);

        assertThatThrownBy(() -> provider().stream(request(Map.of()), new CollectingSink(), new Cancellation()))
                .isInstanceOf(ProviderException.class)
                .hasMessage("OpenAI-compatible provider answered 400: Key *** may not use this model");
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
        assertThat(fake.requestCount()).as("a silent provider is not asked again").isEqualTo(1);
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
    void stopsWaitingOutABackoffWhenCancelled() {
        fake.failNext(1, 500);
        ModelProvider provider = ProviderFixtures.SLOW_RETRIES.connect(
                connection(OPENAI, fake.baseUrl(), KEY, Duration.ofSeconds(5), 2));
        Cancellation cancel = new Cancellation();
        CompletableFuture.runAsync(cancel::cancel, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
        long start = System.nanoTime();

        assertThatThrownBy(() -> provider.stream(request(Map.of()), new CollectingSink(), cancel))
                .isInstanceOf(ProviderException.Cancelled.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the first backoff is 2.5 s or more")
                .isLessThan(Duration.ofMillis(1500));
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void timesOutWhenAnUnstreamedAnswerNeverComes() {
        fake.hang(true);

        assertThatThrownBy(() -> provider(Duration.ofMillis(300), 2).complete(request(Map.of()), new Cancellation()))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("timed out");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void completeReadsOneUnstreamedAnswer() {
        fake.reasoningTokens(1);

        Completion completion = provider().complete(request(Map.of()), new Cancellation());

        assertThat(completion.text()).isEqualTo(words(5));
        assertThat(completion.reasoning()).isEqualTo(thoughts(1));
        assertThat(completion.usage()).isEqualTo(new Completion.Usage(10, 6));
        assertThat(completion.finishReason()).isEqualTo("stop");
        JsonNode body = json(fake.lastRequest().body());
        assertThat(body.path("stream").booleanValue()).isFalse();
        assertThat(body.has("stream_options")).isFalse();
    }

    @Test
    void listsModelIds() {
        assertThat(provider().models()).containsExactly("fake-model", "fake-model-2");
        assertThat(fake.lastRequest().path()).isEqualTo("/v1/models");
        assertThat(fake.lastRequest().header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void neverShowsTheKeyInToString() {
        assertThat(provider().toString()).doesNotContain(KEY).contains("OPENAI");
    }
}
