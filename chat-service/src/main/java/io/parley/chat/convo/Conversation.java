package io.parley.chat.convo;

import static io.parley.chat.support.StoredFields.putPresent;
import static io.parley.chat.support.StoredFields.take;
import static io.parley.chat.support.StoredFields.takeTexts;
import static io.parley.chat.support.StoredFields.takeTime;

import com.fasterxml.jackson.annotation.JsonValue;
import io.parley.chat.support.ApiDocs;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * One of a person's conversations, LibreChat's {@code TConversation}: the fields Parley reads and writes
 * typed, and the rest (the endpoint's settings, {@code agent_id}, {@code chatProjectId}, …), which Parley
 * stores and answers as they were sent or imported, in {@code extra}.
 *
 * <p>As with {@code Message}: a typed component is null when the stored conversation lacks the field or holds
 * it with another type than Parley writes; {@code extra} then keeps the stored value, so the conversation
 * written again, and its JSON, keep exactly what was stored.
 *
 * @param documentId the stored {@code _id}; null for one not stored yet
 * @param tenantId   Parley's bookkeeping, never answered
 * @param user       the owner, answered as LibreChat answers it
 * @param extra      every other stored field, and typed ones stored as null or with another type; never holds
 *                   a field whose typed component is set
 */
public record Conversation(@Nullable ObjectId documentId, String tenantId, String user, @Nullable String conversationId,
                           @Nullable String title, @Nullable String endpoint, @Nullable String model,
                           @Nullable List<String> tags, @Nullable Boolean isArchived, @Nullable Boolean pinned,
                           @Nullable Instant createdAt, @Nullable Instant updatedAt, Map<String, Object> extra) {

    public Conversation {
        Map<String, Object> kept = new LinkedHashMap<>(extra);
        typed(documentId, user, conversationId, title, endpoint, model, tags, isArchived, pinned, createdAt, updatedAt)
                .keySet().forEach(kept::remove);
        extra = Collections.unmodifiableMap(kept);
    }

    /**
     * A conversation of {@code user} from its stored fields ({@code _id} and {@code tenantId} left out, times as
     * dates or instants).
     */
    public static Conversation of(String tenantId, String user, @Nullable ObjectId documentId, Map<String, Object> fields) {
        Map<String, Object> extra = new LinkedHashMap<>(fields);
        if (documentId != null) {
            extra.remove("_id");
        }
        extra.remove("tenantId");
        extra.remove("user");
        extra.remove("_class");
        return new Conversation(documentId, tenantId, user, take(extra, "conversationId", String.class),
                take(extra, "title", String.class), take(extra, "endpoint", String.class), take(extra, "model", String.class),
                takeTexts(extra, "tags"), take(extra, "isArchived", Boolean.class), take(extra, "pinned", Boolean.class),
                takeTime(extra, "createdAt"), takeTime(extra, "updatedAt"), extra);
    }

    /** The conversation as the client reads it: everything stored but Parley's {@code tenantId}. */
    @JsonValue
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        typed(documentId, user, conversationId, title, endpoint, model, tags, isArchived, pinned, createdAt, updatedAt)
                .forEach((field, value) -> out.put(field, ApiDocs.value(value)));
        extra.forEach((field, value) -> out.put(field, ApiDocs.value(value)));
        return out;
    }

    /** A stored field Parley does not type ({@code chatProjectId}, {@code agent_id}, …), as stored; null when absent. */
    public @Nullable Object stored(String field) {
        return extra.get(field);
    }

    /** The same conversation under a new id, title and time, in no tag, neither archived nor pinned, not stored yet. */
    public Conversation copiedAs(String newConversationId, @Nullable String newTitle, Instant at) {
        return new Conversation(null, tenantId, user, newConversationId, newTitle, endpoint, model, List.of(), false, false,
                at, at, extra);
    }

    /** The same conversation stored under {@code id}. */
    Conversation storedAs(ObjectId id) {
        return new Conversation(id, tenantId, user, conversationId, title, endpoint, model, tags, isArchived, pinned,
                createdAt, updatedAt, extra);
    }

    /** The set typed fields by stored name ({@code tenantId} aside). */
    static Map<String, Object> typed(@Nullable ObjectId documentId, String user, @Nullable String conversationId,
                                     @Nullable String title, @Nullable String endpoint, @Nullable String model,
                                     @Nullable List<String> tags, @Nullable Boolean isArchived, @Nullable Boolean pinned,
                                     @Nullable Instant createdAt, @Nullable Instant updatedAt) {
        Map<String, Object> out = new LinkedHashMap<>();
        putPresent(out, "_id", documentId);
        putPresent(out, "user", user);
        putPresent(out, "conversationId", conversationId);
        putPresent(out, "title", title);
        putPresent(out, "endpoint", endpoint);
        putPresent(out, "model", model);
        putPresent(out, "tags", tags);
        putPresent(out, "isArchived", isArchived);
        putPresent(out, "pinned", pinned);
        putPresent(out, "createdAt", createdAt);
        putPresent(out, "updatedAt", updatedAt);
        return out;
    }
}
