package io.parley.auth.user;

import java.time.Instant;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Who became a tenant's first account, and so its ADMIN, whichever way the account was made
 * (registration, a directory sign-in). A {@code tenant_founders} document whose id is the tenant
 * decides the race without a transaction.
 */
@Component
public class TenantFounders {

    private static final String COLLECTION = "tenant_founders";

    private final Users users;
    private final MongoTemplate mongo;

    public TenantFounders(Users users, MongoTemplate mongo) {
        this.users = users;
        this.mongo = mongo;
    }

    /** A tenant's first account. */
    record TenantFounder(String id, String userId, Instant createdAt) {
    }

    /**
     * Whether the account about to be stored as {@code userId} is the tenant's first. Asking again
     * for the same id answers the same, so two racing creations of one account agree on its role.
     */
    public boolean claim(String tenantId, ObjectId userId) {
        if (!users.hasAny(tenantId)) {
            try {
                mongo.insert(new TenantFounder(tenantId, userId.toHexString(), Instant.now()), COLLECTION);
                return true;
            } catch (DuplicateKeyException e) {
                // another account claimed it first, or this one did a moment ago
            }
        }
        Document founder = mongo.findById(tenantId, Document.class, COLLECTION);
        return founder != null && userId.toHexString().equals(founder.getString("userId"));
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
