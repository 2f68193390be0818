package io.parley.auth.externalaccount;

import io.parley.common.events.AccountDataEraser;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * A deleted account's provider links go with it: the person's next social or OpenID sign-in makes a new
 * account (when registration allows).
 */
@Component
class ExternalAccountEraser implements AccountDataEraser {

    private final MongoTemplate mongo;

    ExternalAccountEraser(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void erase(String tenantId, String userId) {
        mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("userId").is(userId)), OAuthIdentity.class);
    }
}
