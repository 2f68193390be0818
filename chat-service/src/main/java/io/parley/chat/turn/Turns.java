package io.parley.chat.turn;

import io.parley.chat.agent.AgentRuns;
import io.parley.chat.agent.AgentSetup;
import io.parley.chat.attachment.Attachments;
import io.parley.chat.convo.ConvoStore;
import io.parley.chat.endpoint.Endpoint;
import io.parley.chat.endpoint.EndpointCatalog;
import io.parley.chat.key.UserKeys;
import io.parley.chat.message.MessageStore;
import io.parley.chat.provider.ModelProvider;
import io.parley.chat.provider.ModelRequest;
import io.parley.chat.provider.ModelRequest.ChatMessage;
import io.parley.chat.provider.ModelRequest.Role;
import io.parley.chat.stream.JobInfo;
import io.parley.chat.stream.JobKey;
import io.parley.chat.stream.Jobs;
import io.parley.chat.support.Ids;
import io.parley.chat.support.TokenCounter;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepting a chat turn: checks everything that can be checked before the model is called (so bad
 * input changes nothing), stores the person's message, starts the job and returns at once.
 */
@Component
class Turns {

    static final int MAX_TEXT = 500_000;
    private static final int DEFAULT_CONTEXT_TOKENS = 32_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EndpointCatalog endpoints;
    private final Jobs jobs;
    private final MessageStore messages;
    private final ConvoStore convos;
    private final History history;
    private final TokenCounter tokens;
    private final UserKeys keys;
    private final BalancesClient balances;
    private final TurnRunner runner;
    private final AgentRuns agentRuns;
    private final Attachments attachments;

    Turns(EndpointCatalog endpoints, Jobs jobs, MessageStore messages, ConvoStore convos, History history,
          TokenCounter tokens, UserKeys keys, BalancesClient balances, TurnRunner runner, AgentRuns agentRuns,
          Attachments attachments) {
        this.agentRuns = agentRuns;
        this.attachments = attachments;
        this.endpoints = endpoints;
        this.jobs = jobs;
        this.messages = messages;
        this.convos = convos;
        this.history = history;
        this.tokens = tokens;
        this.keys = keys;
        this.balances = balances;
        this.runner = runner;
    }

    record Started(String streamId, String conversationId, Instant createdAt) {
    }

    /** Too many of the person's turns are running. */
    static final class AtLimit extends RuntimeException {
        final int limit;
        final int running;

        AtLimit(int limit, int running) {
            super("Only " + limit + " responses can be generated at once. Please wait for one to finish.");
            this.limit = limit;
            this.running = running;
        }
    }

    Started start(CurrentUser caller, String endpointName, TurnRequest body) {
        // The conversation first: another person's id is 404 whatever else the request holds.
        boolean newConvo = body.conversationId() == null || body.conversationId().isBlank()
                || Ids.NEW_CONVO.equals(body.conversationId());
        String conversationId = newConvo ? Ids.newId() : Ids.requireUuid("conversationId", body.conversationId());
        Map<String, Document> byId = new HashMap<>();
        if (!newConvo) {
            convos.find(caller.tenantId(), caller.id(), conversationId)
                    .orElseThrow(() -> new ApiException.NotFound("Conversation not found"));
            for (Document message : messages.inConversation(caller.tenantId(), caller.id(), conversationId)) {
                byId.put(message.getString("messageId"), message);
            }
        }

        AgentSetup agent = AgentRuns.ENDPOINT.equals(endpointName) && endpoints.agentsEnabled()
                ? agentRuns.prepare(body.agent_id()) : null;
        Endpoint endpoint = agent != null ? agent.endpoint() : endpoints.find(endpointName)
                .orElseThrow(() -> ApiException.Invalid.field("endpoint", "is not an endpoint of this installation"));
        String model = agent != null ? agent.model() : model(endpoint, body.model());
        if (body.text() != null && body.text().length() > MAX_TEXT) {
            throw ApiException.Invalid.field("text", "must be at most " + MAX_TEXT + " characters");
        }

        Plan plan = plan(caller, body, conversationId, byId);
        ModelRequest request = agent == null
                ? history.request(model, body.promptPrefix(), plan.chat(), body.parameters(), caller.id(),
                        contextTokens(body, endpoint))
                : history.request(model, instructions(agent.instructions(), body.promptPrefix()), plan.chat(),
                        agent.parameters(), caller.id(), agent.maxContextTokens() != null ? agent.maxContextTokens()
                                : contextTokens(body, endpoint));
        ModelProvider provider = provider(caller, endpoint);

        String responseId = plan.responseMessageId();
        Map<String, Object> userView = plan.userView();
        JobKey key = new JobKey(caller.tenantId(), caller.id(), conversationId);
        Instant createdAt = Instant.now();
        JobInfo info = agent == null
                ? new JobInfo(conversationId, conversationId, responseId, endpoint.sender(), model, endpoint.name(),
                        userView, createdAt, JobInfo.Status.RUNNING)
                : new JobInfo(conversationId, conversationId, responseId, agent.sender(), agent.agentId(),
                        AgentRuns.ENDPOINT, userView, createdAt, JobInfo.Status.RUNNING);
        Jobs.Started started = jobs.start(key, info);
        switch (started.outcome()) {
            case AT_LIMIT -> {
                int limit = jobs.properties().concurrentMax();
                throw new AtLimit(limit, jobs.running(caller.tenantId(), caller.id()).size());
            }
            case ALREADY_RUNNING -> throw new ApiException.Conflict(
                    "A response is still being generated in this conversation. Please wait for it or stop it.");
            case STARTED -> { }
        }
        int promptTokens = history.count(request);
        BalancesClient.Hold hold;
        try {
            hold = balances.begin(caller.tenantId(), conversationId, responseId, model, endpoint.name(), promptTokens);
            Map<String, Object> convoFields = new HashMap<>();
            convoFields.put("endpoint", agent != null ? AgentRuns.ENDPOINT : endpoint.name());
            convoFields.put("endpointType", agent != null || endpoint.kind() == Endpoint.Kind.BUILTIN ? null : "custom");
            convoFields.put("model", model);
            if (agent != null) {
                convoFields.put("agent_id", agent.agentId());
            }
            if (body.temporary()) {
                convoFields.put("isTemporary", true);
            }
            convos.touch(caller.tenantId(), caller.id(), conversationId, convoFields);
            if (plan.newUserMessage() != null) {
                messages.insertNew(plan.newUserMessage());
            }
        } catch (RuntimeException e) {
            jobs.discard(started.job());
            throw e;
        }
        boolean wantsTitle = newConvo && !body.temporary() && endpoint.titleConvo();
        runner.start(new Turn(caller, started.job(), endpoint, provider, request, model, conversationId, userView,
                plan.userText(), responseId, plan.earlierParts(), promptTokens, wantsTitle, hold, balances, agent));
        return new Started(conversationId, conversationId, createdAt);
    }

    /**
     * Which messages the turn answers and adds, by kind of turn: a new message under a parent, a
     * regenerated answer to an existing message, or a continued answer.
     */
    private record Plan(Document newUserMessage, Map<String, Object> userView, String userText, String responseMessageId,
                        List<ChatMessage> chat, List<Map<String, Object>> earlierParts) {
    }

    private Plan plan(CurrentUser caller, TurnRequest body, String conversationId, Map<String, Document> byId) {
        if (body.continued()) {
            String responseId = Ids.requireUuid("responseMessageId", body.responseMessageId());
            Document response = byId.get(responseId);
            if (response == null || Boolean.TRUE.equals(response.getBoolean("isCreatedByUser"))) {
                throw new ApiException.NotFound("Message to continue not found");
            }
            Document asked = byId.get(response.getString("parentMessageId"));
            if (asked == null) {
                throw new ApiException.NotFound("Parent message not found");
            }
            List<Map<String, Object>> parts = edited(response, body.editedContent());
            List<ChatMessage> chat = new ArrayList<>(chatOf(History.branch(byId, asked.getString("messageId")), 0));
            String soFar = parts.stream().filter(p -> "text".equals(p.get("type"))).map(p -> String.valueOf(p.get("text")))
                    .reduce("", String::concat);
            if (!soFar.isBlank()) {
                chat.add(new ChatMessage(Role.ASSISTANT, soFar));
            }
            return new Plan(null, view(asked), History.textOf(asked), responseId, chat, parts);
        }
        if (body.regenerate()) {
            String askedId = Ids.requireUuid("overrideParentMessageId", body.overrideParentMessageId());
            Document asked = byId.get(askedId);
            if (asked == null || !Boolean.TRUE.equals(asked.getBoolean("isCreatedByUser"))) {
                throw new ApiException.NotFound("Message to regenerate not found");
            }
            return new Plan(null, view(asked), History.textOf(asked), Ids.newId(),
                    chatOf(History.branch(byId, askedId), 0), List.of());
        }
        if (body.text() == null || body.text().isBlank()) {
            throw ApiException.Invalid.field("text", "is required");
        }
        String parentId = parent(body.parentMessageId(), byId);
        Attachments.Attached attached = attachments.attach(body.files());
        Date now = new Date();
        Document user = new Document("tenantId", caller.tenantId()).append("user", caller.id())
                .append("messageId", Ids.newId()).append("conversationId", conversationId).append("parentMessageId", parentId)
                .append("sender", "User").append("text", body.text()).append("isCreatedByUser", true)
                .append("endpoint", body.endpoint()).append("error", false).append("unfinished", false)
                .append("tokenCount", tokens.count(body.text())).append("createdAt", now).append("updatedAt", now);
        if (!attached.files().isEmpty()) {
            user.append("files", attached.files());
        }
        List<ChatMessage> chat = new ArrayList<>(chatOf(History.branch(byId, parentId), Attachments.imageBytes(attached)));
        chat.add(ChatMessage.userWithImages(body.text(), attached.images()));
        return new Plan(user, view(user), body.text(), Ids.newId(), chat, List.of());
    }

    /** The branch as model messages, the person's earlier images sent again within what is left of the budget. */
    private List<ChatMessage> chatOf(List<Document> branch, long imageBytesUsed) {
        Map<String, List<Map<String, Object>>> filesByMessage = new LinkedHashMap<>();
        for (Document message : branch) {
            if (Boolean.TRUE.equals(message.getBoolean("isCreatedByUser")) && message.get("files") instanceof List<?> files
                    && !files.isEmpty()) {
                filesByMessage.put(message.getString("messageId"), recordedFiles(files));
            }
        }
        return History.asChat(branch, filesByMessage.isEmpty() ? Map.of()
                : attachments.earlierImages(filesByMessage, imageBytesUsed));
    }

    private static List<Map<String, Object>> recordedFiles(List<?> files) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object file : files) {
            if (file instanceof Map<?, ?> map) {
                Map<String, Object> entry = new LinkedHashMap<>();
                map.forEach((k, v) -> entry.put(String.valueOf(k), v));
                out.add(entry);
            }
        }
        return out;
    }

    private static String parent(String given, Map<String, Document> byId) {
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

    private static List<Map<String, Object>> edited(Document response, TurnRequest.EditedContent edit) {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (Object part : response.getList("content", Object.class, List.of())) {
            if (part instanceof Map<?, ?> map && !"error".equals(map.get("type"))) {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), v));
                parts.add(copy);
            }
        }
        if (parts.isEmpty() && response.getString("text") != null && !response.getString("text").isEmpty()) {
            parts.add(TurnEvents.map("type", "text", "text", response.getString("text")));
        }
        if (edit == null) {
            return parts;
        }
        String type = edit.type();
        String value = "think".equals(type) ? edit.think() : edit.text();
        if (edit.index() == null || edit.index() < 0 || edit.index() >= parts.size() || value == null
                || !type.equals(parts.get(edit.index()).get("type"))) {
            throw ApiException.Invalid.field("editedContent", "must name an existing text or think part");
        }
        parts.get(edit.index()).put(type, value);
        return parts.subList(0, edit.index() + 1);
    }

    private static Map<String, Object> view(Document message) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : List.of("messageId", "parentMessageId", "conversationId", "sender", "text", "isCreatedByUser",
                "tokenCount")) {
            out.put(field, message.get(field));
        }
        return out;
    }

    private String model(Endpoint endpoint, String requested) {
        List<String> known = endpoints.models(endpoint);
        if (requested == null || requested.isBlank()) {
            if (known.isEmpty()) {
                throw ApiException.Invalid.field("model", "is required");
            }
            return known.getFirst();
        }
        if (requested.length() > 256 || (!known.isEmpty() && !known.contains(requested))) {
            throw ApiException.Invalid.field("model", "is not a model of endpoint " + endpoint.name());
        }
        return requested;
    }

    /** The agent's instructions first, then the conversation's own prompt, as one system prompt. */
    private static String instructions(String agent, String conversation) {
        if (conversation == null || conversation.isBlank()) {
            return agent;
        }
        return agent == null || agent.isBlank() ? conversation : agent + "\n\n" + conversation;
    }

    private static int contextTokens(TurnRequest body, Endpoint endpoint) {
        if (body.maxContextTokens() != null) {
            if (body.maxContextTokens() < 1) {
                throw ApiException.Invalid.field("maxContextTokens", "must be positive");
            }
            return body.maxContextTokens();
        }
        return endpoint.maxContextTokens() != null ? endpoint.maxContextTokens() : DEFAULT_CONTEXT_TOKENS;
    }

    /** The endpoint's provider, with the person's own key (and URL) when the endpoint wants them. */
    private ModelProvider provider(CurrentUser caller, Endpoint endpoint) {
        if (!endpoint.userProvidesKey() && !endpoint.userProvidesUrl()) {
            return endpoints.provider(endpoint, null, null);
        }
        String stored = keys.require(caller, endpoint.name());
        if (!endpoint.userProvidesUrl()) {
            return endpoints.provider(endpoint, stored, null);
        }
        try {
            Map<?, ?> credentials = JSON.readValue(stored, Map.class);
            Object key = credentials.get("apiKey");
            Object url = credentials.get("baseURL");
            if (!(url instanceof String baseUrl) || !baseUrl.matches("https?://.+")) {
                throw ApiException.Invalid.field("baseURL", "of your key for " + endpoint.name() + " must be an http(s) URL");
            }
            return endpoints.provider(endpoint, key instanceof String k ? k : null, baseUrl);
        } catch (tools.jackson.core.JacksonException e) {
            throw new ApiException.Invalid("Your key for " + endpoint.name() + " must be a JSON object with apiKey and baseURL");
        }
    }
}
