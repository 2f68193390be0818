package io.parley.chat.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class MessageDocumentsTest {

    private static final Date AT = new Date(1_700_000_000_123L);

    private static Document stored() {
        return new Document("_id", new ObjectId()).append("tenantId", "t1").append("user", "u1")
                .append("messageId", "m1").append("conversationId", "c1").append("parentMessageId", "p1")
                .append("model", null).append("tokenCount", 12.0).append("isCreatedByUser", true)
                .append("content", List.of(new Document("type", "text").append("text", "hi")))
                .append("feedback", new Document("rating", "thumbsUp"))
                .append("finish_reason", "stop").append("createdAt", AT).append("updatedAt", AT);
    }

    @Test
    void aStoredMessageReadAndWrittenAgainIsTheSameDocument() {
        Document stored = stored();

        assertThat(MessageDocuments.document(MessageDocuments.message(stored))).isEqualTo(stored);
    }

    @Test
    void fieldsOfAnotherTypeThanParleyWritesAreKeptAsStored() {
        Message message = MessageDocuments.message(stored());

        assertThat(message.tokenCount()).isNull();
        assertThat(message.stored("tokenCount")).isEqualTo(12.0);
        assertThat(message.model()).isNull();
        assertThat(message.extra()).containsEntry("model", null);
        assertThat(message.createdAt()).isEqualTo(AT.toInstant());
    }

    @Test
    void theClientsViewLeavesOutBookkeepingAndKeepsExplicitNulls() {
        var json = MessageDocuments.message(stored()).json();

        assertThat(json).doesNotContainKeys("_id", "user", "tenantId")
                .containsEntry("model", null).containsEntry("tokenCount", 12.0)
                .containsEntry("createdAt", Instant.ofEpochMilli(AT.getTime()))
                .containsEntry("finish_reason", "stop")
                .doesNotContainKey("endpoint");
        assertThat(json.get("feedback")).isEqualTo(java.util.Map.of("rating", "thumbsUp"));
    }

    @Test
    void settingATypedFieldDropsTheStoredValueItReplaces() {
        Message message = Message.of("t1", "u1").model(null).set("x", 1).build();

        assertThat(message.extra()).containsEntry("model", null);
        Message copy = message.copiedAs("m2", "c2", "p2", Instant.ofEpochMilli(5));
        assertThat(copy.json()).containsEntry("messageId", "m2").containsEntry("createdAt", Instant.ofEpochMilli(5))
                .containsEntry("x", 1).containsEntry("model", null);
    }
}
