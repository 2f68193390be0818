package io.parley.chat.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** A person's chat data for account deletion tests: made through the HTTP API, counted in the store. */
public final class PersonalData {

    private PersonalData() {
    }

    /**
     * A conversation of two messages carrying a tag, shared by a link and filed under a chat project, a
     * preset, a prompt group with its first version, an own API key and a memory.
     *
     * @param auth the person's Authorization header (name, value)
     */
    public static void create(Http http, String... auth) {
        String convo = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        ok(http.post("/api/messages/" + convo, message(convo, first, "00000000-0000-0000-0000-000000000000", "Hello"), auth));
        ok(http.post("/api/messages/" + convo, message(convo, UUID.randomUUID().toString(), first, "Hi"), auth));
        ok(http.post("/api/tags", "{\"tag\":\"work\",\"addToConversation\":true,\"conversationId\":\"%s\"}"
                .formatted(convo), auth));
        ok(http.post("/api/share/" + convo, "{}", auth));
        String project = http.post("/api/projects", "{\"name\":\"Work\"}", auth).json().get("_id").asString();
        ok(http.send("PUT", "/api/projects/conversations/" + convo, "{\"projectId\":\"%s\"}".formatted(project), auth));
        ok(http.post("/api/presets", "{\"title\":\"Precise\",\"temperature\":0.1}", auth));
        ok(http.post("/api/prompts", """
                {"prompt":{"prompt":"Fix this bug: {{code}}","type":"text"},"group":{"name":"Bug fixer","category":"code"}}""",
                auth));
        ok(http.send("PUT", "/api/keys", "{\"name\":\"openAI\",\"value\":\"sk-own-key\"}", auth));
        ok(http.post("/api/memories", "{\"key\":\"preferred_language\",\"value\":\"Writes in English.\"}", auth));
    }

    /** The person's documents in each of chat-service's collections. */
    public static Map<String, Long> count(MongoTemplate mongo, String tenantId, String userId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String owned : new String[] {"conversations", "messages", "sharedlinks", "conversation_tags", "chatprojects", "presets",
                "keys"}) {
            counts.put(owned, mongo.count(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(userId)), owned));
        }
        for (String authored : new String[] {"promptgroups", "prompts"}) {
            counts.put(authored, mongo.count(Query.query(Criteria.where("tenantId").is(tenantId).and("author").is(userId)),
                    authored));
        }
        counts.put("memoryentries", mongo.count(Query.query(Criteria.where("tenantId").is(tenantId).and("userId").is(userId)),
                "memoryentries"));
        return counts;
    }

    private static String message(String convo, String id, String parent, String text) {
        return """
                {"messageId":"%s","conversationId":"%s","parentMessageId":"%s","text":"%s","sender":"User",
                 "isCreatedByUser":true,"endpoint":"openAI","model":"gpt-4o"}""".formatted(id, convo, parent, text);
    }

    private static void ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
    }
}
