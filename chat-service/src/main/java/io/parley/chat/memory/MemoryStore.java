package io.parley.chat.memory;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
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
 * LibreChat's {@code memoryentries}: one document per person and key (unique within the tenant), with the
 * field names of LibreChat's schema ({@code userId}, {@code updated_at}) so its data can be imported.
 */
@Repository
class MemoryStore implements InitializingBean {

    static final String COLLECTION = "memoryentries";

    private final MongoTemplate mongo;

    MemoryStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("userId", Sort.Direction.ASC).on("key", Sort.Direction.ASC).unique().named("tenant_user_key"));
    }

    /** The person's memories, the most recently written first (as LibreChat lists them). */
    List<Memory> all(String tenantId, String userId) {
        return mongo.find(mine(tenantId, userId).with(Sort.by(Sort.Order.desc("updated_at"), Sort.Order.desc("_id"))),
                Document.class, COLLECTION).stream().map(MemoryStore::memory).toList();
    }

    Optional<Memory> find(String tenantId, String userId, String key) {
        return Optional.ofNullable(mongo.findOne(keyed(tenantId, userId, key), Document.class, COLLECTION))
                .map(MemoryStore::memory);
    }

    /** Empty when the person has a memory with this key already (nothing changes). */
    Optional<Memory> insert(String tenantId, String userId, String key, String value, int tokenCount) {
        Document created = new Document("tenantId", tenantId).append("userId", userId).append("key", key)
                .append("value", value).append("tokenCount", tokenCount).append("updated_at", new Date());
        try {
            mongo.insert(created, COLLECTION);
            return Optional.of(memory(created));
        } catch (DuplicateKeyException exists) {
            return Optional.empty();
        }
    }

    /**
     * Writes the memory under {@code key} anew, renamed to {@code newKey} (the same key to keep it), in one update.
     *
     * @return the memory after the change; empty when the person has no memory {@code key} (any more)
     * @throws DuplicateKeyException when renaming onto a key the person has meanwhile used
     */
    Optional<Memory> rewrite(String tenantId, String userId, String key, String newKey, String value, int tokenCount) {
        Update update = new Update().set("key", newKey).set("value", value).set("tokenCount", tokenCount)
                .set("updated_at", new Date());
        return Optional.ofNullable(mongo.findAndModify(keyed(tenantId, userId, key), update,
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)).map(MemoryStore::memory);
    }

    /** @return false when the person has no memory with this key */
    boolean delete(String tenantId, String userId, String key) {
        return mongo.remove(keyed(tenantId, userId, key), COLLECTION).getDeletedCount() > 0;
    }

    /** Every memory of the person (account deletion). */
    long deleteAll(String tenantId, String userId) {
        return mongo.remove(mine(tenantId, userId), COLLECTION).getDeletedCount();
    }

    /** The one place a stored memory becomes a {@link Memory}; LibreChat's missing counts are 0. */
    private static Memory memory(Document stored) {
        Number tokens = stored.get("tokenCount", Number.class);
        @Nullable Date updated = stored.getDate("updated_at");
        return new Memory(stored.getString("key"), stored.getString("value"), tokens == null ? 0 : tokens.intValue(),
                updated == null ? Instant.EPOCH : updated.toInstant());
    }

    private static Query mine(String tenantId, String userId) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("userId").is(userId));
    }

    private static Query keyed(String tenantId, String userId, String key) {
        return mine(tenantId, userId).addCriteria(Criteria.where("key").is(key));
    }
}
