package io.parley.auth.oauth;

import io.parley.common.events.AccountDataEraser;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * A deleted account's provider links and stored OpenID tokens go with it: the person's next social
 * sign-in makes a new account (when registration allows), and no provider token of theirs is kept.
 */
@Component
class OAuthAccountEraser implements AccountDataEraser {

    private final MongoTemplate mongo;

    OAuthAccountEraser(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void erase(String tenantId, String userId) {
        Query ofUser = Query.query(Criteria.where("tenantId").is(tenantId).and("userId").is(userId));
        mongo.remove(ofUser, OAuthIdentity.class);
        mongo.remove(ofUser, OpenIdSessionTokens.class);
    }
}
