package io.parley.chat.endpoint;

import io.parley.chat.provider.Cancellation;
import io.parley.chat.provider.Completion;
import io.parley.chat.provider.ModelProvider;
import io.parley.chat.provider.ModelRequest;
import io.parley.chat.provider.ProviderException;
import io.parley.chat.provider.TokenSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The offline demo: answers without any model, so that a fresh installation can be tried with no
 * key. It says what it is and repeats what it was asked, streamed word by word like a model.
 */
final class DemoProvider implements ModelProvider {

    static final String ENDPOINT = "offline-demo";
    static final String MODEL = "parley-demo";
    private static final Duration PER_WORD = Duration.ofMillis(15);

    /** The offline demo has no model to call tools: an agent on it runs without tools. */
    @Override
    public boolean callsTools() {
        return false;
    }

    @Override
    public Completion stream(ModelRequest request, TokenSink sink, Cancellation cancel) {
        StringBuilder answer = new StringBuilder();
        for (String word : answer(request).split("(?<= )")) {
            if (cancel.isCancelled()) {
                throw new ProviderException.Cancelled();
            }
            LockSupport.parkNanos(PER_WORD.toNanos());
            sink.text(word);
            answer.append(word);
        }
        return new Completion(answer.toString(), "", null, "stop");
    }

    @Override
    public Completion complete(ModelRequest request, Cancellation cancel) {
        String last = lastUserText(request);
        int asked = last.indexOf("User: ");
        if (asked >= 0) {
            int end = last.indexOf("\nAI:", asked);
            last = last.substring(asked + 6, end < 0 ? last.length() : end);
        }
        String title = last.isBlank() ? "Demo chat" : last.strip().split("\\s+", 6).length > 5
                ? String.join(" ", List.of(last.strip().split("\\s+")).subList(0, 5)) : last.strip();
        return new Completion(title, "", null, "stop");
    }

    @Override
    public List<String> models() {
        return List.of(MODEL);
    }

    private static String answer(ModelRequest request) {
        String asked = lastUserText(request);
        return "This is Parley's offline demo endpoint: no language model is connected, so this answer is "
                + "made up locally. Configure an endpoint (for example OPENAI_API_KEY, or a custom endpoint in "
                + "librechat.yaml) to talk to a real model. You wrote: \"" + asked.strip() + "\" ("
                + request.messages().size() + " message(s) in this conversation's context).";
    }

    private static String lastUserText(ModelRequest request) {
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            ModelRequest.ChatMessage message = request.messages().get(i);
            if (message.role() == ModelRequest.Role.USER) {
                return message.text();
            }
        }
        return "";
    }
}
