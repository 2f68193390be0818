package io.parley.auth.login;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The sessions collection; rotation is one compare-and-set on the generation, no transaction. */
@Repository
class SessionStore implements InitializingBean {

    private final MongoTemplate mongo;

    SessionStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(Session.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("userId", Sort.Direction.ASC).named("tenant_user"));
        // Clean-up only (real MongoDB); expiry is checked on every read.
        mongo.indexOps(Session.class).createIndex(new Index().on("expiresAt", Sort.Direction.ASC)
                .expire(java.time.Duration.ZERO).named("expires"));
    }

    void insert(Session session) {
        mongo.insert(session);
    }

    Optional<Session> find(String tenantId, String id) {
        return Optional.ofNullable(mongo.findOne(byId(tenantId, id), Session.class));
    }

    /** Moves the session from {@code generation} to the next one; empty when another refresh got there first. */
    Optional<Session> advance(String tenantId, String id, long generation, Instant now) {
        Query query = byId(tenantId, id).addCriteria(Criteria.where("generation").is(generation)
                .and("revokedAt").isNull().and("expiresAt").gt(now));
        Update update = new Update().inc("generation", 1).set("lastRefreshedAt", now);
        return Optional.ofNullable(mongo.findAndModify(query, update,
                FindAndModifyOptions.options().returnNew(true), Session.class));
    }

    void revoke(String tenantId, String id, String reason, Instant now) {
        mongo.updateFirst(byId(tenantId, id).addCriteria(Criteria.where("revokedAt").isNull()),
                new Update().set("revokedAt", now).set("revokedReason", reason), Session.class);
    }

    /** Removes every session of the user (account deletion): no refresh token of theirs works afterwards. */
    long deleteAll(String tenantId, String userId) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("userId").is(userId)), Session.class)
                .getDeletedCount();
    }

    /** The ids of the user's sessions not revoked yet (expired ones included: their last access token may still live). */
    List<String> openIdsOf(String tenantId, String userId) {
        Query query = Query.query(Criteria.where("tenantId").is(tenantId).and("userId").is(userId).and("revokedAt").isNull());
        query.fields().include("_id");
        return mongo.find(query, org.bson.Document.class, mongo.getCollectionName(Session.class)).stream()
                .map(d -> d.getString("_id")).toList();
    }

    /** Revokes every session of the user that is not revoked yet; @return how many */
    long revokeAllOf(String tenantId, String userId, String reason, Instant now) {
        return mongo.updateMulti(Query.query(Criteria.where("tenantId").is(tenantId).and("userId").is(userId)
                        .and("revokedAt").isNull()),
                new Update().set("revokedAt", now).set("revokedReason", reason), Session.class).getModifiedCount();
    }

    private static Query byId(String tenantId, String id) {
        return Query.query(Criteria.where("_id").is(id).and("tenantId").is(tenantId));
    }
}
