package io.parley.chat.message;

import com.fasterxml.jackson.annotation.JsonValue;
import static io.parley.chat.support.StoredFields.putPresent;
import static io.parley.chat.support.StoredFields.take;
import static io.parley.chat.support.StoredFields.takeObjects;
import static io.parley.chat.support.StoredFields.takeTime;

import io.parley.chat.support.ApiDocs;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * One message of a person's conversation, LibreChat's {@code TMessage}: the fields Parley reads and writes
 * typed, and everything else it stores and answers as it was sent or imported in {@code extra}.
 *
 * <p>A typed component is null when the stored message lacks the field, or holds it with another type than
 * Parley writes (an imported {@code tokenCount} of {@code 12.0}, a {@code model} of {@code null}); then
 * {@code extra} keeps the stored value, so a message read and written again, and its JSON, keep exactly
 * what was stored: the same fields, the same explicit nulls. Values in {@code extra}, in parts and in
 * {@code files} are as stored (BSON dates and ids included); {@link #json()} shows them as the client reads
 * them.
 *
 * @param documentId the stored {@code _id}; null for a message not stored yet. LibreChat's shared links name
 *                   messages by it; never answered
 * @param tenantId   Parley's bookkeeping, never answered
 * @param user       the owner, never answered (LibreChat's projection leaves it out)
 * @param content    LibreChat's content parts, typed ({@link ContentPart}); a content that is not a list of objects
 *                   stays in {@code extra}
 * @param files      LibreChat's file references ({@code TFile}s, free-form), as stored
 * @param createdAt  millisecond precision, as stored
 * @param extra      every other stored field, and typed ones stored as null or with another type, in stored
 *                   order; never holds a field whose typed component is set
 */
public record Message(@Nullable ObjectId documentId, String tenantId, String user, @Nullable String messageId,
                      @Nullable String conversationId, @Nullable String parentMessageId, @Nullable String sender,
                      @Nullable String text, @Nullable Boolean isCreatedByUser, @Nullable String model,
                      @Nullable String endpoint, @Nullable Boolean error, @Nullable Boolean unfinished,
                      @Nullable Integer tokenCount, @Nullable List<ContentPart> content,
                      @Nullable List<Map<String, Object>> files, @Nullable String iconURL,
                      @Nullable Instant createdAt, @Nullable Instant updatedAt, Map<String, Object> extra) {

    public Message {
        Map<String, Object> kept = new LinkedHashMap<>(extra);
        typed(documentId, messageId, conversationId, parentMessageId, sender, text, isCreatedByUser, model, endpoint,
                error, unfinished, tokenCount, content, files, iconURL, createdAt, updatedAt).keySet().forEach(kept::remove);
        extra = Collections.unmodifiableMap(kept);
    }

    /** Now, as precise as a stored date, so a message answered before and after it is read again looks the same. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new message of {@code user}; every field it is given with {@link Builder} is stored, null ones as null. */
    public static Builder of(String tenantId, String user) {
        return new Builder(tenantId, user);
    }

    /** The message as the client reads it: no {@code _id}, {@code user} or {@code tenantId}. */
    @JsonValue
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        typed(null, messageId, conversationId, parentMessageId, sender, text, isCreatedByUser, model, endpoint, error,
                unfinished, tokenCount, content, files, iconURL, createdAt, updatedAt)
                .forEach((field, value) -> out.put(field, ApiDocs.value(field.equals("content") ? maps(content) : value)));
        extra.forEach((field, value) -> out.put(field, ApiDocs.value(value)));
        return out;
    }

    /** A stored field Parley does not type ({@code feedback}, {@code attachments}, …), as stored; null when absent. */
    public @Nullable Object stored(String field) {
        return extra.get(field);
    }

    /** True when the person wrote it (LibreChat's {@code isCreatedByUser}). */
    public boolean byPerson() {
        return Boolean.TRUE.equals(isCreatedByUser);
    }

    /** The content parts; empty when it has none. */
    public List<ContentPart> parts() {
        return content == null ? List.of() : content;
    }

    /** Parts as stored and answered. */
    public static List<Map<String, Object>> maps(@Nullable List<ContentPart> parts) {
        return parts == null ? List.of() : parts.stream().map(ContentPart::toMap).toList();
    }

    /** The same message under other ids and times, not stored yet (a fork's copy). */
    public Message copiedAs(String newMessageId, String newConversationId, String newParentMessageId, Instant at) {
        return new Message(null, tenantId, user, newMessageId, newConversationId, newParentMessageId, sender, text,
                isCreatedByUser, model, endpoint, error, unfinished, tokenCount, content, files, iconURL, at, at, extra);
    }

    /** The same message stored under {@code id}, keeping the creation time of the one it replaced when given. */
    public Message storedAs(ObjectId id, @Nullable Instant created) {
        return new Message(id, tenantId, user, messageId, conversationId, parentMessageId, sender, text, isCreatedByUser,
                model, endpoint, error, unfinished, tokenCount, content, files, iconURL, created, updatedAt, extra);
    }

    /** With a field Parley does not type (a search hit's conversation title). */
    public Message with(String field, @Nullable Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extra);
        more.put(field, value);
        return new Message(documentId, tenantId, user, messageId, conversationId, parentMessageId, sender, text,
                isCreatedByUser, model, endpoint, error, unfinished, tokenCount, content, files, iconURL, createdAt,
                updatedAt, more);
    }

    /** The set typed fields by stored name, in LibreChat's order. */
    static Map<String, Object> typed(@Nullable ObjectId documentId, @Nullable String messageId,
                                     @Nullable String conversationId, @Nullable String parentMessageId,
                                     @Nullable String sender, @Nullable String text, @Nullable Boolean isCreatedByUser,
                                     @Nullable String model, @Nullable String endpoint, @Nullable Boolean error,
                                     @Nullable Boolean unfinished, @Nullable Integer tokenCount,
                                     @Nullable List<ContentPart> content, @Nullable List<Map<String, Object>> files,
                                     @Nullable String iconURL, @Nullable Instant createdAt, @Nullable Instant updatedAt) {
        Map<String, Object> out = new LinkedHashMap<>();
        putPresent(out, "_id", documentId);
        putPresent(out, "messageId", messageId);
        putPresent(out, "conversationId", conversationId);
        putPresent(out, "parentMessageId", parentMessageId);
        putPresent(out, "sender", sender);
        putPresent(out, "text", text);
        putPresent(out, "isCreatedByUser", isCreatedByUser);
        putPresent(out, "model", model);
        putPresent(out, "endpoint", endpoint);
        putPresent(out, "error", error);
        putPresent(out, "unfinished", unfinished);
        putPresent(out, "tokenCount", tokenCount);
        putPresent(out, "content", content);
        putPresent(out, "files", files);
        putPresent(out, "iconURL", iconURL);
        putPresent(out, "createdAt", createdAt);
        putPresent(out, "updatedAt", updatedAt);
        return out;
    }

    /**
     * A message being made. A field set here is stored even when null (LibreChat stores {@code model: null});
     * a field never set is left out.
     */
    public static final class Builder {

        private final String tenantId;
        private final String user;
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder(String tenantId, String user) {
            this.tenantId = tenantId;
            this.user = user;
        }

        public Builder messageId(String id) { return set("messageId", id); }
        public Builder conversationId(String id) { return set("conversationId", id); }
        public Builder parentMessageId(String id) { return set("parentMessageId", id); }
        public Builder sender(@Nullable String sender) { return set("sender", sender); }
        public Builder text(@Nullable String text) { return set("text", text); }
        public Builder isCreatedByUser(boolean byPerson) { return set("isCreatedByUser", byPerson); }
        public Builder model(@Nullable String model) { return set("model", model); }
        public Builder endpoint(@Nullable String endpoint) { return set("endpoint", endpoint); }
        public Builder error(boolean error) { return set("error", error); }
        public Builder unfinished(boolean unfinished) { return set("unfinished", unfinished); }
        public Builder tokenCount(int count) { return set("tokenCount", count); }
        public Builder content(List<ContentPart> parts) { return set("content", parts); }
        public Builder files(List<Map<String, Object>> files) { return set("files", files); }
        public Builder iconURL(String url) { return set("iconURL", url); }
        /** Cut to milliseconds, as it is stored. */
        public Builder createdAt(Instant at) { return set("createdAt", at); }
        /** Cut to milliseconds, as it is stored. */
        public Builder updatedAt(Instant at) { return set("updatedAt", at); }

        /** A field Parley does not type ({@code attachments}, {@code promptTokens}). */
        public Builder set(String field, @Nullable Object value) {
            fields.put(field, value);
            return this;
        }

        /** Content as parts: already parts (a new message), or stored maps (a message read). */
        private static @Nullable List<ContentPart> parts(Map<String, Object> extra) {
            if (extra.get("content") instanceof List<?> list && list.stream().allMatch(ContentPart.class::isInstance)) {
                extra.remove("content");
                return list.stream().map(ContentPart.class::cast).toList();
            }
            List<Map<String, Object>> stored = takeObjects(extra, "content");
            return stored == null ? null : stored.stream().map(ContentPart::of).toList();
        }

        public Message build() {
            Map<String, Object> extra = new LinkedHashMap<>(fields);
            return new Message(null, tenantId, user, take(extra, "messageId", String.class),
                    take(extra, "conversationId", String.class), take(extra, "parentMessageId", String.class),
                    take(extra, "sender", String.class), take(extra, "text", String.class),
                    take(extra, "isCreatedByUser", Boolean.class), take(extra, "model", String.class),
                    take(extra, "endpoint", String.class), take(extra, "error", Boolean.class),
                    take(extra, "unfinished", Boolean.class), take(extra, "tokenCount", Integer.class),
                    parts(extra), takeObjects(extra, "files"), take(extra, "iconURL", String.class),
                    takeTime(extra, "createdAt"), takeTime(extra, "updatedAt"), extra);
        }
    }
}
