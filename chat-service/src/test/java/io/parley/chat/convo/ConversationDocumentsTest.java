package io.parley.chat.convo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class ConversationDocumentsTest {

    private static final Date AT = new Date(1_700_000_000_123L);
    private static final ObjectId ID = new ObjectId();

    private static Document stored() {
        return new Document("_id", ID).append("tenantId", "t1").append("user", "u1").append("conversationId", "c1")
                .append("title", "Hi").append("endpoint", "openAI").append("model", null).append("tags", List.of("a"))
                .append("isArchived", false).append("temperature", 0.5).append("chatProjectId", "p1")
                .append("createdAt", AT).append("updatedAt", AT);
    }

    @Test
    void aStoredConversationReadAndWrittenAgainIsTheSameDocument() {
        Document stored = stored();

        assertThat(ConversationDocuments.document(ConversationDocuments.conversation(stored))).isEqualTo(stored);
    }

    @Test
    void theClientsViewKeepsIdAndOwnerAndLeavesOutTheTenant() {
        var json = ConversationDocuments.conversation(stored()).json();

        assertThat(json).doesNotContainKey("tenantId").containsEntry("_id", ID.toHexString()).containsEntry("user", "u1")
                .containsEntry("model", null).containsEntry("temperature", 0.5).containsEntry("chatProjectId", "p1")
                .containsEntry("createdAt", AT.toInstant()).doesNotContainKey("pinned");
    }

    @Test
    void aCopyIsUntaggedUnarchivedUnpinnedAndKeepsTheSettings() {
        Conversation copy = ConversationDocuments.conversation(stored()).copiedAs("c2", "Copy", Instant.ofEpochMilli(7));

        assertThat(copy.documentId()).isNull();
        assertThat(copy.json()).containsEntry("conversationId", "c2").containsEntry("tags", List.of())
                .containsEntry("pinned", false).containsEntry("isArchived", false).containsEntry("temperature", 0.5)
                .containsEntry("updatedAt", Instant.ofEpochMilli(7));
    }
}
