package io.parley.auth.externalaccount;

import java.time.Instant;
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

/** The oauth_identities collection; the unique (tenant, provider, subject) index settles racing links. */
@Repository
class OAuthIdentityStore implements InitializingBean {

    private final MongoTemplate mongo;

    OAuthIdentityStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(OAuthIdentity.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("provider", Sort.Direction.ASC).on("subject", Sort.Direction.ASC).unique()
                .named("tenant_provider_subject"));
        mongo.indexOps(OAuthIdentity.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("userId", Sort.Direction.ASC).named("tenant_user"));
    }

    Optional<OAuthIdentity> find(String tenantId, String provider, String subject) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("tenantId").is(tenantId)
                .and("provider").is(provider).and("subject").is(subject)), OAuthIdentity.class));
    }

    /** @return false when this provider account is already linked (to whichever user) */
    boolean link(String tenantId, String provider, String subject, String userId) {
        try {
            mongo.insert(new OAuthIdentity(new ObjectId().toHexString(), tenantId, provider, subject, userId,
                    Instant.now()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Forgets a link whose user no longer exists. */
    void remove(OAuthIdentity identity) {
        mongo.remove(Query.query(Criteria.where("_id").is(identity.id()).and("tenantId").is(identity.tenantId())),
                OAuthIdentity.class);
    }
}
