package io.parley.auth.oauth;

import io.parley.auth.identityprovider.PendingSignIn;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** The oauth_states collection; a state is taken (read and deleted in one step), so it works once. */
@Repository
class PendingSignInStore implements InitializingBean {

    private final MongoTemplate mongo;

    PendingSignInStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        // Clean-up only (real MongoDB); expiry is checked when a state is taken.
        mongo.indexOps(PendingSignIn.class).createIndex(new Index().on("expiresAt", Sort.Direction.ASC)
                .expire(Duration.ZERO).named("expires"));
    }

    void insert(PendingSignIn pending) {
        mongo.insert(pending);
    }

    /** Removes and returns the sign-in with this id for this provider; empty when there is none. */
    Optional<PendingSignIn> take(String id, String provider) {
        return Optional.ofNullable(mongo.findAndRemove(
                Query.query(Criteria.where("_id").is(id).and("provider").is(provider)), PendingSignIn.class));
    }
}
