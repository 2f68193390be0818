package io.parley.auth.graphtoken;

import io.parley.common.events.AccountDataEraser;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** A deleted account's stored OpenID tokens go with it: no provider token of theirs is kept. */
@Component
class GraphTokenAccountEraser implements AccountDataEraser {

    private final MongoTemplate mongo;

    GraphTokenAccountEraser(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void erase(String tenantId, String userId) {
        mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("userId").is(userId)),
                OpenIdSessionTokens.class);
    }
}
