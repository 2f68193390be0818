package io.parley.auth.capability;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** {@code system_grants}: one document per grant, unique by the index {@code tenant_principal_capability}. */
@Repository
class GrantStore implements InitializingBean {

    private final MongoTemplate mongo;

    GrantStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        // Before traffic: the embedded store fails on index creation concurrent with writes.
        mongo.indexOps(SystemGrant.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("principalType", Sort.Direction.ASC).on("principalId", Sort.Direction.ASC)
                .on("capability", Sort.Direction.ASC).unique().named("tenant_principal_capability"));
    }

    /** @return empty when the principal holds the grant already (nothing is written) */
    Optional<SystemGrant> insert(SystemGrant grant) {
        try {
            return Optional.of(mongo.insert(grant));
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    Optional<SystemGrant> find(String tenantId, String principalType, String principalId, String capability) {
        return Optional.ofNullable(mongo.findOne(principal(tenantId, principalType, principalId)
                .addCriteria(Criteria.where("capability").is(capability)), SystemGrant.class));
    }

    boolean delete(String tenantId, String principalType, String principalId, String capability) {
        return mongo.remove(principal(tenantId, principalType, principalId)
                .addCriteria(Criteria.where("capability").is(capability)), SystemGrant.class).getDeletedCount() > 0;
    }

    List<SystemGrant> of(String tenantId, String principalType, String principalId) {
        return mongo.find(principal(tenantId, principalType, principalId).with(Sort.by("capability")), SystemGrant.class);
    }

    List<SystemGrant> all(String tenantId) {
        return mongo.find(Query.query(Criteria.where("tenantId").is(tenantId))
                .with(Sort.by("principalType", "principalId", "capability")), SystemGrant.class);
    }

    /** The grants of any of the principals of one type. */
    List<SystemGrant> ofAny(String tenantId, String principalType, Collection<String> principalIds) {
        return principalIds.isEmpty() ? List.of() : mongo.find(Query.query(Criteria.where("tenantId").is(tenantId)
                .and("principalType").is(principalType).and("principalId").in(principalIds)), SystemGrant.class);
    }

    private static Query principal(String tenantId, String principalType, String principalId) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("principalType").is(principalType)
                .and("principalId").is(principalId));
    }
}
