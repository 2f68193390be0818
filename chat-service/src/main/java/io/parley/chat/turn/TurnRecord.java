package io.parley.chat.turn;

import io.parley.chat.message.Message;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a turn's answer is saved under and its cost settled against: all another instance needs to
 * finish the turn should the one running it stop. Kept with the job in Redis as JSON.
 *
 * @param parentMessageId the request message the answer replies to
 * @param responseModel   the answer's {@code model} (an agent's id for an agent run)
 * @param endpoint        the endpoint the messages record ({@code agents} for an agent run)
 * @param iconURL         the endpoint's icon, or null
 * @param earlierParts    content of the answer being continued; empty for a new answer
 * @param holdId          auth-service's hold the turn's tokens are settled against; empty when none
 * @param promptTokens    the prompt as counted here
 * @param settledModel    the model the tokens are priced at
 */
record TurnRecord(String tenantId, String user, String conversationId, String responseMessageId, String parentMessageId,
                  String responseModel, String sender, String endpoint, @Nullable String iconURL,
                  List<Map<String, Object>> earlierParts, String holdId, int promptTokens, String settledModel) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static TurnRecord of(Turn turn) {
        RunKind kind = turn.kind();
        TurnPlan plan = turn.plan();
        return new TurnRecord(turn.user().tenantId(), turn.user().id(), turn.conversationId(), plan.responseMessageId(),
                (String) plan.userMessage().get("messageId"), kind.responseModel(), kind.sender(),
                kind.recordedEndpoint(), kind.endpoint().iconURL(), Message.maps(plan.earlierParts()), turn.hold().holdId(),
                plan.promptTokens(), kind.model());
    }

    String json() {
        return JSON.writeValueAsString(this);
    }

    static TurnRecord fromJson(String json) {
        return JSON.readValue(json, TurnRecord.class);
    }
}
