package io.parley.chat.provider.google;

import static io.parley.chat.provider.CollectingSink.thoughts;
import static io.parley.chat.provider.CollectingSink.words;
import static io.parley.chat.provider.ProviderConnection.Protocol.GOOGLE;
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
import io.parley.chat.provider.fake.FakeGemini;
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

class GoogleProviderTest {

    private FakeGemini fake;

    @BeforeEach
    void startFake() {
        fake = new FakeGemini().tokens(5).expectKey(KEY).start();
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private ModelProvider provider() {
        return provider(Duration.ofSeconds(5), 2);
    }

    private ModelProvider provider(Duration readTimeout, int maxRetries) {
        return PROVIDERS.connect(connection(GOOGLE, fake.baseUrl(), KEY, readTimeout, maxRetries));
    }

    @Test
    void streamsPartsInOrderIntoTheSinkAndReturnsThem() {
        CollectingSink sink = new CollectingSink();

        Completion completion = provider().stream(request(Map.of()), sink, new Cancellation());

        assertThat(sink.texts).containsExactly("word1 ", "word2 ", "word3 ", "word4 ", "word5 ");
        assertThat(completion.text()).isEqualTo(words(5));
        assertThat(completion.reasoning()).isNull();
        assertThat(completion.finishReason()).isEqualTo("STOP");
    }

    @Test
    void routesThoughtPartsToReasoning() {
        fake.reasoningTokens(3);
        CollectingSink sink = new CollectingSink();

        Completion completion = provider().stream(request(Map.of("thinking", true)), sink, new Cancellation());

        assertThat(sink.reasonings).containsExactly("think1 ", "think2 ", "think3 ");
        assertThat(completion.reasoning()).isEqualTo(thoughts(3));
        assertThat(completion.text()).isEqualTo(words(5));
    }

    @Test
    void countsThoughtTokensAsCompletionTokens() {
        fake.reasoningTokens(3).promptTokens(21);

        Completion completion = provider().stream(request(Map.of("thinking", true)), new CollectingSink(),
                new Cancellation());

        assertThat(completion.usage()).isEqualTo(new Completion.Usage(21, 8));
    }

    @Test
    void sendsAnAttachedImageAsInlineDataBeforeTheText() {
        provider().stream(ProviderFixtures.requestWithImage(Map.of()), new CollectingSink(), new Cancellation());

        assertThat(json(fake.lastRequest().body()).path("contents")).isEqualTo(json("""
                [{"role":"user","parts":[{"inlineData":{"mimeType":"image/png","data":"iVBOR"}},{"text":"What is this?"}]}]"""));
    }

    @Test
    void mapsContentsInstructionsAndGenerationConfigOntoTheWire() {
        provider().stream(request(Map.of("temperature", 0.4, "topP", 0.7, "topK", 20, "maxOutputTokens", 512,
                "stop", List.of("STOP!"), "thinking", true, "thinkingBudget", -1)), new CollectingSink(),
                new Cancellation());

        RecordedRequest sent = fake.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1beta/models/fake-model:streamGenerateContent?alt=sse");
        assertThat(sent.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(sent.header("X-Team")).isEqualTo("parley");
        JsonNode body = json(sent.body());
        assertThat(body.path("contents")).isEqualTo(json("""
                [{"role":"user","parts":[{"text":"Hi"}]},{"role":"model","parts":[{"text":"Hello!"}]},
                 {"role":"user","parts":[{"text":"Tell me more"}]}]"""));
        assertThat(body.path("systemInstruction")).isEqualTo(json("{\"parts\":[{\"text\":\"Be brief.\"}]}"));
        assertThat(body.path("generationConfig")).isEqualTo(json("""
                {"temperature":0.4,"topP":0.7,"topK":20,"maxOutputTokens":512,"stopSequences":["STOP!"],
                 "thinkingConfig":{"includeThoughts":true,"thinkingBudget":-1}}"""));
    }

    @Test
    void stripsTheModelsPrefixAndMergesNeighbouringTurns() {
        ModelRequest request = new ModelRequest("models/fake-model", null, List.of(
                new ChatMessage(Role.USER, "one"), new ChatMessage(Role.USER, "two")), Map.of(), "user-1");

        provider().stream(request, new CollectingSink(), new Cancellation());

        RecordedRequest sent = fake.lastRequest();
        assertThat(sent.path()).startsWith("/v1beta/models/fake-model:streamGenerateContent");
        JsonNode body = json(sent.body());
        assertThat(body.path("contents")).isEqualTo(json("[{\"role\":\"user\",\"parts\":[{\"text\":\"one\\n\\ntwo\"}]}]"));
        assertThat(body.has("systemInstruction")).isFalse();
        assertThat(body.has("generationConfig")).isFalse();
    }

    @Test
    void addsAddParamsAndRemovesDropParams() {
        ModelProvider provider = PROVIDERS.connect(connection(GOOGLE, fake.baseUrl(), KEY,
                Map.of("safetySettings", List.of(Map.of("category", "HARM_CATEGORY_HARASSMENT",
                        "threshold", "BLOCK_NONE"))), List.of("systemInstruction"), Duration.ofSeconds(5), 0));

        provider.stream(request(Map.of()), new CollectingSink(), new Cancellation());

        JsonNode body = json(fake.lastRequest().body());
        assertThat(body.path("safetySettings").path(0).path("threshold").stringValue()).isEqualTo("BLOCK_NONE");
        assertThat(body.has("systemInstruction")).isFalse();
    }

    @Test
    void retriesResourceExhaustedHonouringRetryAfter() {
        fake.failNext(1, 429, null, "0");
        ModelProvider provider = ProviderFixtures.SLOW_RETRIES.connect(
                connection(GOOGLE, fake.baseUrl(), KEY, Duration.ofSeconds(5), 2));
        long start = System.nanoTime();

        Completion completion = provider.stream(request(Map.of()), new CollectingSink(), new Cancellation());

        assertThat(completion.text()).isEqualTo(words(5));
        assertThat(fake.requestCount()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void doesNotRetryAnErrorChunkAfterTheFirstToken() {
        fake.failMidStream(2, Cut.ERROR_EVENT);
        CollectingSink sink = new CollectingSink();

        ProviderException failure = catchThrowableOfType(ProviderException.class,
                () -> provider().stream(request(Map.of()), sink, new Cancellation()));

        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.getMessage()).startsWith("Google reported an error (500): An internal error has occurred");
        assertThat(sink.text()).isEqualTo(words(2));
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void doesNotRetryADroppedConnectionAfterTheFirstToken() {
        // paced, so the tokens are read before the drop (a dropped connection loses what is in flight)
        fake.delayMs(50).failMidStream(1, Cut.ABORT);
        CollectingSink sink = new CollectingSink();

        assertThatThrownBy(() -> provider().stream(request(Map.of()), sink, new Cancellation()))
                .isInstanceOf(ProviderException.class);
        assertThat(sink.text()).isEqualTo(words(1));
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void doesNotRetryAnInvalidKeyAndKeepsTheKeyOutOfTheMessage() {
        String wrongKey = "AIzaWrongKey0123456789";
        ModelProvider provider = PROVIDERS.connect(connection(GOOGLE, fake.baseUrl(), wrongKey, Duration.ofSeconds(5), 2));

        ProviderException failure = catchThrowableOfType(ProviderException.class,
                () -> provider.stream(request(Map.of()), new CollectingSink(), new Cancellation()));

        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.getMessage()).isEqualTo("Google answered 400: API key not valid. Please pass a valid API key.");
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
    void completeCallsGenerateContent() {
        fake.reasoningTokens(1);

        Completion completion = provider().complete(request(Map.of("thinking", true)), new Cancellation());

        assertThat(completion.text()).isEqualTo(words(5));
        assertThat(completion.reasoning()).isEqualTo(thoughts(1));
        assertThat(completion.usage()).isEqualTo(new Completion.Usage(10, 6));
        assertThat(fake.lastRequest().path()).isEqualTo("/v1beta/models/fake-model:generateContent");
    }

    @Test
    void listsModelIdsWithoutTheirPrefix() {
        assertThat(provider().models()).containsExactly("fake-model", "fake-model-2");
        assertThat(fake.lastRequest().path()).startsWith("/v1beta/models?");
    }
}
