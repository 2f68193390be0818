package io.parley.chat.turn;

import io.parley.chat.message.ContentPart;
import io.parley.chat.attachment.Attachments;
import io.parley.chat.attachment.FileText;
import io.parley.chat.convo.Convos;
import io.parley.chat.message.Message;
import io.parley.chat.message.Messages;
import io.parley.chat.provider.ModelRequest;
import io.parley.chat.provider.ModelRequest.ChatMessage;
import io.parley.chat.provider.ModelRequest.Role;
import io.parley.chat.support.Ids;
import io.parley.chat.support.TokenCounter;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The plan stage of a turn: which conversation it goes on in, which messages it answers and adds (a
 * new message under a parent, a regenerated answer to an existing message, or a continued answer),
 * and the history and request the model is given. Checks all it can and stores nothing, so bad input
 * changes nothing; only a new message's attachments are attached in file-service.
 */
@Component
class TurnPlanner {

    static final int MAX_TEXT = 500_000;

    private final Convos convos;
    private final Messages messages;
    private final History history;
    private final TokenCounter tokens;
    private final Attachments attachments;

    TurnPlanner(Convos convos, Messages messages, History history, TokenCounter tokens,
                Attachments attachments) {
        this.convos = convos;
        this.messages = messages;
        this.history = history;
        this.tokens = tokens;
        this.attachments = attachments;
    }

    /**
     * A new conversation for a missing or "new" id, else the person's own with its messages.
     *
     * @throws ApiException.NotFound for a conversation that is not the person's
     */
    TurnConversation conversation(CurrentUser caller, @Nullable String requestedId) {
        if (requestedId == null || requestedId.isBlank() || Ids.NEW_CONVO.equals(requestedId)) {
            return new TurnConversation(Ids.newId(), true, Map.of());
        }
        String id = Ids.requireUuid("conversationId", requestedId);
        convos.find(caller.tenantId(), caller.id(), id).orElseThrow(() -> new ApiException.NotFound("Conversation not found"));
        Map<String, Message> byId = new HashMap<>();
        for (Message message : messages.inConversation(caller.tenantId(), caller.id(), id)) {
            byId.put(message.messageId(), message);
        }
        return new TurnConversation(id, false, byId);
    }

    /** The turn's messages and what the model is asked, as {@code kind} asks it. */
    TurnPlan plan(CurrentUser caller, TurnRequest body, TurnConversation conversation, RunKind kind) {
        if (body.text() != null && body.text().length() > MAX_TEXT) {
            throw ApiException.Invalid.field("text", "must be at most " + MAX_TEXT + " characters");
        }
        String instructions = kind.instructions(body.promptPrefix());
        int contextTokens = kind.contextTokens(body);
        // the answered message's documents join the instructions, as LibreChat adds them to the system message
        Asking ask = new Asking((chat, documents) -> history.request(kind.model(),
                History.withDocuments(instructions, documents), chat, kind.parameters(body), caller.id(), contextTokens),
                history.room(instructions, contextTokens), attachments.texts(kind.contextFileIds()));
        if (body.continued()) {
            return continued(body, conversation.messages(), ask);
        }
        if (body.regenerate()) {
            return regenerated(body, conversation.messages(), ask);
        }
        return newMessage(caller, body, conversation, ask);
    }

    /**
     * How this turn asks the model.
     *
     * @param model    the request for a chat and the documents that go with the system message
     * @param room     tokens one message of the person may take with its documents (History#room)
     * @param standing documents that go with every turn: an agent's "File Context"
     */
    private record Asking(BiFunction<List<ChatMessage>, String, ModelRequest> model, int room, List<FileText> standing) {
    }

    /**
     * The request for a turn that answers an earlier message again (continued or regenerated): the standing
     * documents with the system message, within what the asked message and {@code also} leave; the
     * branch's own documents before their messages in what is left after that.
     */
    private ModelRequest againRequest(Asking ask, List<Message> branch, Message asked, String also,
                                      List<ChatMessage> after) {
        String standing = attachments.documents(ask.standing(),
                ask.room() - tokens.count(History.textOf(asked)) - tokens.count(also));
        List<ChatMessage> chat = new ArrayList<>(chatOf(branch, 0, ask.room() - tokens.count(also) - tokens.count(standing)));
        chat.addAll(after);
        return ask.model().apply(chat, standing);
    }

    /** The answer {@code responseMessageId} goes on, after the edit of one of its parts if asked. */
    private TurnPlan continued(TurnRequest body, Map<String, Message> byId, Asking ask) {
        String responseId = Ids.requireUuid("responseMessageId", body.responseMessageId());
        Message response = byId.get(responseId);
        if (response == null || response.byPerson()) {
            throw new ApiException.NotFound("Message to continue not found");
        }
        Message asked = response.parentMessageId() == null ? null : byId.get(response.parentMessageId());
        if (asked == null) {
            throw new ApiException.NotFound("Parent message not found");
        }
        List<ContentPart> parts = ContinuedParts.edited(response, body.editedContent());
        String soFar = ContinuedParts.text(parts);
        List<ChatMessage> partial = soFar.isBlank() ? List.of() : List.of(new ChatMessage(Role.ASSISTANT, soFar));
        return planned(null, asked, responseId, parts,
                againRequest(ask, History.branch(byId, asked.messageId()), asked, soFar, partial));
    }

    /** A new answer to the person's message {@code overrideParentMessageId}. */
    private TurnPlan regenerated(TurnRequest body, Map<String, Message> byId, Asking ask) {
        String askedId = Ids.requireUuid("overrideParentMessageId", body.overrideParentMessageId());
        Message asked = byId.get(askedId);
        if (asked == null || !asked.byPerson()) {
            throw new ApiException.NotFound("Message to regenerate not found");
        }
        return planned(null, asked, Ids.newId(), List.of(), againRequest(ask, History.branch(byId, askedId), asked, "",
                List.of()));
    }

    /** The person's new message under {@code parentMessageId}, with its attachments, and a new answer to it. */
    private TurnPlan newMessage(CurrentUser caller, TurnRequest body, TurnConversation conversation, Asking ask) {
        if (body.text() == null || body.text().isBlank()) {
            throw ApiException.Invalid.field("text", "is required");
        }
        String parentId = parent(body.parentMessageId(), conversation.messages());
        Attachments.Attached attached = attachments.attach(body.files());
        Instant now = Message.now();
        Message.Builder built = Message.of(caller.tenantId(), caller.id())
                .messageId(Ids.newId()).conversationId(conversation.id())
                .parentMessageId(parentId).sender("User").text(body.text())
                .isCreatedByUser(true).endpoint(body.endpoint()).error(false)
                .unfinished(false).tokenCount(tokens.count(body.text()))
                .createdAt(now).updatedAt(now);
        if (!attached.files().isEmpty()) {
            built.files(attached.files());
        }
        Message user = built.build();
        // the documents (the agent's, then the message's) take what the instructions and the message leave of
        // the window; earlier messages give way to them
        List<FileText> texts = new ArrayList<>(ask.standing());
        texts.addAll(attached.texts());
        String documents = attachments.documents(texts, ask.room() - tokens.count(body.text()));
        List<ChatMessage> chat = new ArrayList<>(chatOf(History.branch(conversation.messages(), parentId),
                Attachments.imageBytes(attached), ask.room()));
        chat.add(ChatMessage.userWithImages(body.text(), attached.images()));
        return planned(user, user, Ids.newId(), List.of(), ask.model().apply(chat, documents));
    }

    private TurnPlan planned(@Nullable Message newUserMessage, Message asked, String responseId,
                             List<ContentPart> earlierParts, ModelRequest request) {
        return new TurnPlan(newUserMessage, view(asked), History.textOf(asked), responseId, earlierParts, request,
                history.count(request));
    }

    /**
     * The branch as model messages, the person's earlier images sent again within what is left of the
     * budget, and their documents again before their text, each message's cut to fit in {@code room} tokens.
     */
    private List<ChatMessage> chatOf(List<Message> branch, long imageBytesUsed, int room) {
        Map<String, List<Map<String, Object>>> filesByMessage = new LinkedHashMap<>();
        Map<String, String> texts = new HashMap<>();
        for (Message message : branch) {
            if (message.byPerson() && message.files() != null && !message.files().isEmpty()) {
                filesByMessage.put(message.messageId(), message.files());
                texts.put(message.messageId(), History.textOf(message));
            }
        }
        if (filesByMessage.isEmpty()) {
            return History.asChat(branch);
        }
        Map<String, String> documents = new HashMap<>();
        attachments.earlierTexts(filesByMessage).forEach((messageId, files) -> documents.put(messageId,
                attachments.documents(files, room - tokens.count(texts.get(messageId)) - 1)));
        return History.asChat(branch, attachments.earlierImages(filesByMessage, imageBytesUsed), documents);
    }

    private static String parent(@Nullable String given, Map<String, Message> byId) {
        if (given == null || given.isBlank() || Ids.NO_PARENT.equals(given)) {
            return Ids.NO_PARENT;
        }
        if (given.endsWith("_")) {
            // LibreChat's preliminary id of an answer not saved yet.
            throw new ApiException.Conflict("Cannot submit a follow-up while the selected parent response is still being saved. "
                    + "Please wait and try again.");
        }
        String parentId = Ids.requireUuid("parentMessageId", given);
        if (!byId.containsKey(parentId)) {
            throw new ApiException.NotFound("Parent message not found in this conversation");
        }
        return parentId;
    }

    /** A message as LibreChat shows the request message of a turn. */
    private static Map<String, Object> view(Message message) {
        Map<String, Object> shown = message.json();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : List.of("messageId", "parentMessageId", "conversationId", "sender", "text", "isCreatedByUser",
                "tokenCount")) {
            out.put(field, shown.get(field));
        }
        return out;
    }
}
