package io.parley.chat.message;

import io.parley.chat.convo.ConversationMessages;
import io.parley.chat.support.CountsByUser;
import io.parley.chat.support.PageRequest;
import io.parley.chat.support.TenantUniqueIds;
import io.parley.common.paging.Keyset;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The messages collection, LibreChat's document shape. A message id is unique within its tenant;
 * every query names the tenant and the user.
 */
@Repository
class MessageStore implements InitializingBean, ConversationMessages {

    static final String COLLECTION = "messages";
    static final String NOT_FOUND = "Message not found";

    private final MongoTemplate mongo;
    private final TenantUniqueIds ids;

    MessageStore(MongoTemplate mongo) {
        this.mongo = mongo;
        this.ids = new TenantUniqueIds(mongo, COLLECTION, "messageId", NOT_FOUND);
    }

    @Override
    public void afterPropertiesSet() {
        ids.ensureIndex("tenant_message", "tenant_user_message");
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("user", Sort.Direction.ASC)
                .on("conversationId", Sort.Direction.ASC).on("createdAt", Sort.Direction.ASC).named("tenant_user_convo_created"));
    }

    /** @throws io.parley.common.error.ApiException.NotFound when another user of the tenant has this message id */
    void requireNotAnothers(String tenantId, String user, String messageId) {
        ids.requireNotAnothers(tenantId, user, messageId);
    }

    /**
     * Inserts, or replaces the caller's message with the same id (LibreChat saves by upsert), keeping the
     * replaced one's document id and creation time.
     *
     * @throws io.parley.common.error.ApiException.NotFound when another user of the tenant has this message id
     */
    Message save(Message message) {
        Document stored = MessageDocuments.document(message);
        stored.remove("_id");
        String tenantId = message.tenantId();
        String user = message.user();
        String messageId = message.messageId();
        return MessageDocuments.message(ids.write(tenantId, user, messageId, () -> {
            Document existing = mongo.findOne(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user)
                    .and("messageId").is(messageId)), Document.class, COLLECTION);
            if (existing == null) {
                return mongo.insert(stored, COLLECTION);
            }
            stored.put("_id", existing.get("_id"));
            stored.put("createdAt", existing.get("createdAt"));
            return mongo.save(stored, COLLECTION);
        }));
    }

    /** A message with an id made just now: one insert, no lookup (an unlikely clash falls back to {@link #save}). */
    Message insertNew(Message message) {
        try {
            return MessageDocuments.message(mongo.insert(MessageDocuments.document(message), COLLECTION));
        } catch (DuplicateKeyException clash) {
            return save(message);
        }
    }

    List<Message> inConversation(String tenantId, String user, String conversationId) {
        return messages(mongo.find(inConvo(tenantId, user, conversationId).with(Sort.by("createdAt", "_id")),
                Document.class, COLLECTION));
    }

    Optional<Message> find(String tenantId, String user, String conversationId, String messageId) {
        return Optional.ofNullable(mongo.findOne(inConvo(tenantId, user, conversationId).addCriteria(
                Criteria.where("messageId").is(messageId)), Document.class, COLLECTION)).map(MessageDocuments::message);
    }

    /** Copies of messages (fork, duplicate, import): new ids, so they cannot collide. */
    Map<String, String> messageIdsOf(String tenantId, String user, Collection<ObjectId> documentIds) {
        Query query = Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user).and("_id").in(documentIds));
        query.fields().include("_id", "messageId");
        Map<String, String> ids = new java.util.HashMap<>();
        mongo.find(query, Document.class, COLLECTION).forEach(d -> ids.put(d.getObjectId("_id").toHexString(), d.getString("messageId")));
        return ids;
    }

    /** @return the copies as stored, with their document ids */
    List<Message> insertAll(List<Message> copies) {
        if (copies.isEmpty()) {
            return List.of();
        }
        return messages(mongo.insert(copies.stream().map(MessageDocuments::document).toList(), COLLECTION));
    }

    /** A message by its id alone (routes that do not name the conversation). */
    Optional<Message> findAnywhere(String tenantId, String user, String messageId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user)
                .and("messageId").is(messageId)), Document.class, COLLECTION)).map(MessageDocuments::message);
    }

    /** A page of the conversation's messages, sorted as asked, and the cursor of the next when there is one. */
    Messages.Page page(String tenantId, String user, String conversationId, PageRequest page) {
        Query query = inConvo(tenantId, user, conversationId);
        page.after().ifPresent(query::addCriteria);
        Keyset.Page shown = page.order().page(mongo.find(query.with(page.order().sort()).limit(page.size() + 1),
                Document.class, COLLECTION), page.size());
        return new Messages.Page(messages(shown.items()), shown.nextCursor());
    }

    /** The whole text, its token count too. */
    Optional<Message> setText(MessageKey key, String text, int tokenCount) {
        return set(key, new Update().set("text", text).set("tokenCount", tokenCount));
    }

    /** The content parts, and the token count of the text and them. */
    Optional<Message> setContent(MessageKey key, List<ContentPart> parts, int tokenCount) {
        return set(key, new Update().set("content", Message.maps(parts)).set("tokenCount", tokenCount));
    }

    /** An artifact's edit: the text or the content, whichever held it. */
    Optional<Message> setArtifact(MessageKey key, @Nullable String text, @Nullable List<ContentPart> parts) {
        Update update = new Update();
        if (text != null) {
            update.set("text", text);
        }
        if (parts != null) {
            update.set("content", Message.maps(parts));
        }
        return set(key, update);
    }

    /** @param feedback null clears it */
    Optional<Message> setFeedback(MessageKey key, Feedback.@Nullable Stored feedback) {
        if (feedback == null) {
            return set(key, new Update().unset("feedback"));
        }
        Document stored = new Document("rating", feedback.rating());
        if (feedback.tag() != null) {
            stored.append("tag", feedback.tag());
        }
        if (feedback.text() != null) {
            stored.append("text", feedback.text());
        }
        return set(key, new Update().set("feedback", stored));
    }

    private Optional<Message> set(MessageKey key, Update update) {
        update.set("updatedAt", new Date());
        return Optional.ofNullable(mongo.findAndModify(inConvo(key.tenantId(), key.user(), key.conversationId())
                        .addCriteria(Criteria.where("messageId").is(key.messageId())), update,
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)).map(MessageDocuments::message);
    }

    private static List<Message> messages(Collection<Document> stored) {
        return stored.stream().map(MessageDocuments::message).toList();
    }

    long delete(String tenantId, String user, String conversationId, String messageId) {
        return mongo.remove(inConvo(tenantId, user, conversationId).addCriteria(Criteria.where("messageId").is(messageId)),
                COLLECTION).getDeletedCount();
    }

    @Override
    public long deleteConversation(String tenantId, String user, String conversationId) {
        return mongo.remove(inConvo(tenantId, user, conversationId), COLLECTION).getDeletedCount();
    }

    @Override
    public long deleteAll(String tenantId, String user) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user)), COLLECTION)
                .getDeletedCount();
    }

    private static Query inConvo(String tenantId, String user, String conversationId) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user).and("conversationId").is(conversationId));
    }

    /** How many documents each user of the tenant has (an admin's statistics); users with none are absent. */
    Map<String, Long> countByUser(String tenantId) {
        return CountsByUser.of(mongo, COLLECTION, tenantId);
    }
}
