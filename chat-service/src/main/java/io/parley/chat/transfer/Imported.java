package io.parley.chat.transfer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A conversation read from an export file, before it gets ids of its own. */
record Imported(String title, String endpoint, String model, Instant createdAt, List<Message> messages) {

    /**
     * @param sourceId       the id in the file (only to link parents)
     * @param sourceParentId the parent's id in the file, or null for a root
     * @param content        LibreChat content parts, or null for plain text
     */
    record Message(String sourceId, String sourceParentId, String sender, String text, boolean isCreatedByUser,
                   String model, Instant createdAt, List<Map<String, Object>> content) {
    }
}
