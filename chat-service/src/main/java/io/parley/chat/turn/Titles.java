package io.parley.chat.turn;

import io.parley.chat.convo.Convos;
import io.parley.chat.endpoint.Endpoint;
import io.parley.chat.provider.Cancellation;
import io.parley.chat.provider.Completion;
import io.parley.chat.provider.ModelProvider;
import io.parley.chat.provider.ModelRequest;
import io.parley.chat.provider.ProviderException;
import io.parley.chat.support.TokenCounter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A new conversation's title: one separate, non-streamed call with LibreChat's title prompt, made as
 * the turn starts ("immediate" titles), so the {@code title} event usually arrives mid-stream.
 */
@Component
class Titles {

    private static final Logger log = LoggerFactory.getLogger(Titles.class);
    static final int MAX_LENGTH = 150;
    private static final String PROMPT = "Provide a concise, 5-word-or-less title for the conversation, using title "
            + "case conventions. Only return the title itself.\n\nConversation:\nUser: %s\nAI: ";

    private final Convos convos;
    private final TokenCounter tokens;
    private final Settlement settlement;

    Titles(Convos convos, TokenCounter tokens, Settlement settlement) {
        this.convos = convos;
        this.tokens = tokens;
        this.settlement = settlement;
    }

    /**
     * Generates the title with the turn's {@code provider}, stores and returns it; empty when the model
     * gave none or failed.
     */
    Optional<String> generate(Turn turn, ModelProvider provider, Cancellation cancel) {
        Endpoint endpoint = turn.kind().endpoint();
        String model = endpoint.titleModel() == null || "current_model".equals(endpoint.titleModel())
                ? turn.kind().model() : endpoint.titleModel();
        ModelRequest request = new ModelRequest(model, null,
                List.of(new ModelRequest.ChatMessage(ModelRequest.Role.USER, PROMPT.formatted(turn.plan().userText()))),
                Map.of(), turn.user().id());
        try {
            Completion answer = provider.complete(request, cancel);
            settlement.title(turn, answer.usage() != null ? answer.usage().promptTokens()
                            : tokens.count(request.messages().getFirst().text()),
                    answer.usage() != null ? answer.usage().completionTokens() : tokens.count(answer.text()), model);
            String title = clean(answer.text());
            if (title.isEmpty()) {
                return Optional.empty();
            }
            convos.titleIfDefault(turn.user().tenantId(), turn.user().id(), turn.conversationId(), title);
            return Optional.of(title);
        } catch (ProviderException e) {
            log.info("No title for a conversation: {}", e.getMessage());
            return Optional.empty();
        }
    }

    static String clean(@Nullable String raw) {
        String title = raw == null ? "" : raw.replaceAll("\\s+", " ").strip();
        title = title.replaceAll("^[\"'“”]+|[\"'“”]+$", "").strip();
        if (title.toLowerCase(java.util.Locale.ROOT).startsWith("title:")) {
            title = title.substring(6).strip();
        }
        return title.length() > MAX_LENGTH ? title.substring(0, MAX_LENGTH) + "..." : title;
    }
}
