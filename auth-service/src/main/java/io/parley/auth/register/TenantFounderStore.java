package io.parley.auth.register;

import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The {@code tenant_founders} collection: per tenant (its {@code _id}), the first account. The
 * unique id makes "first" race-free without a transaction.
 */
@Repository
public class TenantFounderStore {

    static final String COLLECTION = "tenant_founders";

    private final MongoTemplate mongo;

    TenantFounderStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    record TenantFounder(String id, String userId, Instant createdAt) {
    }

    /** @return false when the tenant has a founder already */
    boolean claim(String tenantId, String userId, Instant now) {
        try {
            mongo.insert(new TenantFounder(tenantId, userId, now), COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Forgets the tenant's founder when it is this user (account deletion). A tenant left without
     * accounts then makes its next account ADMIN again, as LibreChat does for an empty user collection.
     */
    public long deleteAll(String tenantId, String userId) {
        return mongo.remove(Query.query(Criteria.where("_id").is(tenantId).and("userId").is(userId)), COLLECTION)
                .getDeletedCount();
    }
}
