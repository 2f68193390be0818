package io.parley.auth.ldap;

import io.parley.common.events.AccountDataEraser;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * A deleted account's directory link goes with it, so that the person's next directory sign-in
 * makes a new account rather than reaching the deleted id. Runs whether or not LDAP is configured
 * now: links made while it was stay in the store.
 */
@Component
class LdapAccountEraser implements AccountDataEraser {

    private final MongoTemplate mongo;

    LdapAccountEraser(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void erase(String tenantId, String userId) {
        mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("userId").is(userId)), LdapIdentity.class);
    }
}
