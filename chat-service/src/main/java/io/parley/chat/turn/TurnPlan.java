package io.parley.chat.turn;

import io.parley.chat.message.ContentPart;
import io.parley.chat.message.Message;
import io.parley.chat.provider.ModelRequest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a turn was planned to do before anything is stored: the messages it answers and adds, and what
 * the model is asked.
 *
 * @param newUserMessage    the person's new message to store; null when the turn regenerates or continues
 * @param userMessage       the request message as LibreChat shows it (created event, final's requestMessage)
 * @param userText          the text the answer replies to, for the title
 * @param responseMessageId the answer's id: a new one, or the one being continued
 * @param earlierParts      content of the answer being continued; empty for a new answer
 * @param request           the request to the model, the history cut to the context window
 * @param promptTokens      the request as counted here, used when the provider reports no usage
 */
record TurnPlan(@Nullable Message newUserMessage, Map<String, Object> userMessage, String userText,
                String responseMessageId, List<ContentPart> earlierParts, ModelRequest request,
                int promptTokens) {
}
