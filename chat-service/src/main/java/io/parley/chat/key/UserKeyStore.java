package io.parley.chat.key;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The keys collection (LibreChat's name): one encrypted value per tenant, user and endpoint name. */
@Repository
class UserKeyStore implements InitializingBean {

    static final String COLLECTION = "keys";

    private final MongoTemplate mongo;

    UserKeyStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("user", Sort.Direction.ASC)
                .on("name", Sort.Direction.ASC).unique().named("tenant_user_name"));
        // Clean-up only (real MongoDB); expiry is checked on every read.
        mongo.indexOps(COLLECTION).createIndex(new Index().on("expiresAt", Sort.Direction.ASC)
                .expire(Duration.ZERO).named("expires"));
    }

    /** One stored key, still encrypted. {@code expiresAt} is null for never. */
    record Row(byte[] sealed, @Nullable Instant expiresAt) {
    }

    /** Creates or replaces the key; a null {@code expiresAt} removes any earlier expiry. */
    void upsert(String tenantId, String user, String name, byte[] sealed, @Nullable Instant expiresAt, Instant now) {
        Update update = new Update().set("value", new Binary(sealed)).set("updatedAt", Date.from(now))
                .setOnInsert("tenantId", tenantId).setOnInsert("user", user).setOnInsert("name", name)
                .setOnInsert("createdAt", Date.from(now));
        if (expiresAt == null) {
            update.unset("expiresAt");
        } else {
            update.set("expiresAt", Date.from(expiresAt));
        }
        try {
            mongo.upsert(one(tenantId, user, name), update, COLLECTION);
        } catch (DuplicateKeyException raced) {
            // a concurrent first save inserted the row between our match and insert: now it matches
            mongo.upsert(one(tenantId, user, name), update, COLLECTION);
        }
    }

    Optional<Row> find(String tenantId, String user, String name) {
        Document found = mongo.findOne(one(tenantId, user, name), Document.class, COLLECTION);
        if (found == null) {
            return Optional.empty();
        }
        byte[] sealed = switch (found.get("value")) {
            case Binary binary -> binary.getData();
            case byte[] bytes -> bytes;
            case null, default -> new byte[0];
        };
        Date expiresAt = found.getDate("expiresAt");
        return Optional.of(new Row(sealed, expiresAt == null ? null : expiresAt.toInstant()));
    }

    long delete(String tenantId, String user, String name) {
        return mongo.remove(one(tenantId, user, name), COLLECTION).getDeletedCount();
    }

    /** Deletes every key of the user; returns how many there were. */
    long deleteAll(String tenantId, String user) {
        return mongo.remove(mine(tenantId, user), COLLECTION).getDeletedCount();
    }

    private static Query mine(String tenantId, String user) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user));
    }

    private static Query one(String tenantId, String user, String name) {
        return mine(tenantId, user).addCriteria(Criteria.where("name").is(name));
    }
}
