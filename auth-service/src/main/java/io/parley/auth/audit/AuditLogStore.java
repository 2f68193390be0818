package io.parley.auth.audit;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * {@code audit_log} and {@code audit_outbox}. Nothing here updates or deletes a chained entry: appends only, kept
 * in order per chain by the unique index {@code chain_seq}.
 */
@Repository
class AuditLogStore implements InitializingBean {

    enum Appended { APPENDED, ALREADY_CHAINED, SEQ_TAKEN }

    private final MongoTemplate mongo;

    AuditLogStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        // Before traffic: the embedded store fails on index creation concurrent with writes.
        mongo.indexOps(AuditEntry.class).createIndex(new Index().on("chainKey", Sort.Direction.ASC)
                .on("seq", Sort.Direction.ASC).unique().named("chain_seq"));
        mongo.indexOps(PendingAuditEntry.class).createIndex(new Index().on("createdAt", Sort.Direction.ASC)
                .named("created"));
    }

    void park(PendingAuditEntry pending) {
        mongo.insert(pending);
    }

    /** The oldest waiting events first, so each chain grows in the order its events happened. */
    List<PendingAuditEntry> pending(int limit) {
        return mongo.find(new Query().with(Sort.by("createdAt", "_id")).limit(limit), PendingAuditEntry.class);
    }

    void unpark(ObjectId id) {
        mongo.remove(Query.query(Criteria.where("_id").is(id)), PendingAuditEntry.class);
    }

    Optional<AuditEntry> head(String chainKey) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("chainKey").is(chainKey))
                .with(Sort.by(Sort.Direction.DESC, "seq")).limit(1), AuditEntry.class));
    }

    Appended append(AuditEntry entry) {
        try {
            mongo.insert(entry);
            return Appended.APPENDED;
        } catch (DuplicateKeyException e) {
            return mongo.exists(Query.query(Criteria.where("_id").is(entry.id())), AuditEntry.class)
                    ? Appended.ALREADY_CHAINED : Appended.SEQ_TAKEN;
        }
    }

    Optional<AuditEntry> byId(String chainKey, String id) {
        return ObjectId.isValid(id)
                ? Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(new ObjectId(id))
                        .and("chainKey").is(chainKey)), AuditEntry.class))
                : Optional.empty();
    }

    List<AuditEntry> page(Query filter, int offset, int limit) {
        return mongo.find(Query.of(filter).with(Sort.by(Sort.Direction.DESC, "seq")).skip(offset).limit(limit),
                AuditEntry.class);
    }

    long count(Query filter) {
        return mongo.count(Query.of(filter), AuditEntry.class);
    }

    /** Newest first, for export. */
    Stream<AuditEntry> newestFirst(Query filter, int limit) {
        return mongo.stream(Query.of(filter).with(Sort.by(Sort.Direction.DESC, "seq")).limit(limit), AuditEntry.class);
    }

    /** In chain order, for verification. */
    Stream<AuditEntry> inChainOrder(String chainKey, int limit) {
        return mongo.stream(Query.query(Criteria.where("chainKey").is(chainKey)).with(Sort.by("seq")).limit(limit),
                AuditEntry.class);
    }
}
