package io.parley.auth.balance;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** The {@code balance_holds} collection. A hold is found by its id alone: the id is the capability. */
@Repository
class HoldStore implements InitializingBean {

    static final String COLLECTION = "balance_holds";
    /** How long a turn may take to settle. */
    static final Duration LIFETIME = Duration.ofHours(24);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoTemplate mongo;

    HoldStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        // Clean-up only (real MongoDB); openAt() checks the lifetime on every read.
        mongo.indexOps(Hold.class).createIndex(new Index().on("createdAt", Sort.Direction.ASC)
                .expire(LIFETIME).named("expires"));
    }

    Hold open(String tenantId, ObjectId user, String conversationId, String messageId, String model, String endpoint,
              long promptTokens, Instant now) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        Hold hold = new Hold(Base64.getUrlEncoder().withoutPadding().encodeToString(id), tenantId, user, conversationId,
                messageId, model, endpoint, promptTokens, now);
        return mongo.insert(hold);
    }

    /** Removes the user's holds (account deletion): a turn still running cannot settle afterwards. */
    long deleteAll(String tenantId, ObjectId user) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user)), Hold.class)
                .getDeletedCount();
    }

    /** @return the hold while it can still be settled */
    Optional<Hold> find(String id, Instant now) {
        return Optional.ofNullable(mongo.findById(id, Hold.class)).filter(hold -> hold.openAt(now));
    }
}
