package io.parley.auth.balance;

import java.util.List;
import java.util.Optional;
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
 * The {@code transactions} collection. Written once per idempotency key: the unique index, not a
 * read before the write, makes a retried or concurrent settlement a no-op.
 */
@Repository
class TransactionStore implements InitializingBean {

    static final String COLLECTION = "transactions";

    private final MongoTemplate mongo;

    TransactionStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        // Sparse: transactions imported from LibreChat have no key and must not collide on null.
        mongo.indexOps(Transaction.class).createIndex(new Index().on("idempotencyKey", Sort.Direction.ASC)
                .unique().sparse().named("once"));
        mongo.indexOps(Transaction.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("user", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC).named("tenant_user_created"));
    }

    /** @return false when a transaction with the same idempotency key exists (nothing is written) */
    boolean insertOnce(Transaction transaction) {
        try {
            mongo.insert(transaction);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    Optional<Transaction> byKey(String idempotencyKey) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("idempotencyKey").is(idempotencyKey)),
                Transaction.class));
    }

    /** Removes the user's transactions (account deletion). */
    long deleteAll(String tenantId, ObjectId user) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user)), Transaction.class)
                .getDeletedCount();
    }

    List<Transaction> ofUser(String tenantId, ObjectId user) {
        return mongo.find(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user))
                .with(Sort.by("createdAt")), Transaction.class);
    }
}
