package io.parley.chat.message;

import org.springframework.data.mongodb.core.aggregation.Aggregation;
import java.util.Map;
import java.util.HashMap;
import io.parley.chat.convo.ConversationMessages;
import io.parley.chat.support.PageRequest;
import io.parley.chat.support.TenantUniqueIds;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
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
     * Inserts, or replaces the caller's message with the same id (LibreChat saves by upsert).
     *
     * @throws io.parley.common.error.ApiException.NotFound when another user of the tenant has this message id
     */
    Document save(Document message) {
        String tenantId = message.getString("tenantId");
        String user = message.getString("user");
        String messageId = message.getString("messageId");
        return ids.write(tenantId, user, messageId, () -> {
            Document existing = mongo.findOne(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user)
                    .and("messageId").is(messageId)), Document.class, COLLECTION);
            if (existing == null) {
                return mongo.insert(message, COLLECTION);
            }
            message.put("_id", existing.get("_id"));
            message.put("createdAt", existing.get("createdAt"));
            return mongo.save(message, COLLECTION);
        });
    }

    /** A message with an id made just now: one insert, no lookup (an unlikely clash falls back to {@link #save}). */
    Document insertNew(Document message) {
        try {
            mongo.insert(message, COLLECTION);
            return message;
        } catch (DuplicateKeyException clash) {
            message.remove("_id");
            return save(message);
        }
    }

    List<Document> inConversation(String tenantId, String user, String conversationId) {
        return mongo.find(inConvo(tenantId, user, conversationId).with(Sort.by("createdAt", "_id")), Document.class, COLLECTION);
    }

    Optional<Document> find(String tenantId, String user, String conversationId, String messageId) {
        return Optional.ofNullable(mongo.findOne(inConvo(tenantId, user, conversationId).addCriteria(
                Criteria.where("messageId").is(messageId)), Document.class, COLLECTION));
    }

    /** Copies of messages (fork, duplicate, import): new ids, so they cannot collide. */
    Map<String, String> messageIdsOf(String tenantId, String user, Collection<ObjectId> documentIds) {
        Query query = Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user).and("_id").in(documentIds));
        query.fields().include("_id", "messageId");
        Map<String, String> ids = new java.util.HashMap<>();
        mongo.find(query, Document.class, COLLECTION).forEach(d -> ids.put(d.getObjectId("_id").toHexString(), d.getString("messageId")));
        return ids;
    }

    void insertAll(List<Document> copies) {
        if (!copies.isEmpty()) {
            mongo.insert(copies, COLLECTION);
        }
    }

    /** A message by its id alone (routes that do not name the conversation). */
    Optional<Document> findAnywhere(String tenantId, String user, String messageId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user)
                .and("messageId").is(messageId)), Document.class, COLLECTION));
    }

    List<Document> page(String tenantId, String user, String conversationId, PageRequest page) {
        Query query = inConvo(tenantId, user, conversationId);
        page.after().ifPresent(query::addCriteria);
        return mongo.find(query.with(page.order().sort()).limit(page.size() + 1), Document.class, COLLECTION);
    }


    Optional<Document> set(String tenantId, String user, String conversationId, String messageId, Update update) {
        update.set("updatedAt", new Date());
        return Optional.ofNullable(mongo.findAndModify(inConvo(tenantId, user, conversationId)
                        .addCriteria(Criteria.where("messageId").is(messageId)), update,
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION));
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
        Map<String, Long> counts = new HashMap<>();
        mongo.aggregate(Aggregation.newAggregation(Aggregation.match(Criteria.where("tenantId").is(tenantId)),
                        Aggregation.group("user").count().as("count")), COLLECTION, Document.class)
                .forEach(row -> {
                    Object user = row.get("_id");
                    if (user != null) {
                        counts.put(user.toString(), ((Number) row.get("count")).longValue());
                    }
                });
        return counts;
    }
}
