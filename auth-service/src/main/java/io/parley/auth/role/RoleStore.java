package io.parley.auth.role;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The {@code roles} collection, one document per (tenant, name) behind a unique index. No
 * transactions: creation is an idempotent upsert and a change is one {@code $set} of the touched
 * permissions.
 */
@Repository
class RoleStore implements InitializingBean {

    private final MongoTemplate mongo;

    RoleStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        // Before traffic: the embedded store fails on index creation concurrent with writes.
        mongo.indexOps(Role.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("name", Sort.Direction.ASC).unique().named("tenant_name"));
    }

    Optional<Role> find(String tenantId, String name) {
        return Optional.ofNullable(mongo.findOne(of(tenantId, name), Role.class));
    }

    /** The role, created with {@code permissions} when the tenant does not have it yet. */
    Role findOrCreate(String tenantId, String name, Map<String, Map<String, Boolean>> permissions, Instant now) {
        Role existing = mongo.findOne(of(tenantId, name), Role.class);
        if (existing != null) {
            return existing;
        }
        Update create = new Update().setOnInsert("permissions", permissions)
                .setOnInsert("createdAt", now).setOnInsert("updatedAt", now);
        try {
            return mongo.findAndModify(of(tenantId, name), create,
                    FindAndModifyOptions.options().upsert(true).returnNew(true), Role.class);
        } catch (DuplicateKeyException e) {
            // another request created it first
            return mongo.findOne(of(tenantId, name), Role.class);
        }
    }

    List<Role> all(String tenantId) {
        return mongo.find(Query.query(Criteria.where("tenantId").is(tenantId)).with(Sort.by("name")), Role.class);
    }

    /**
     * Sets the given permissions of one type, leaving the others as they are.
     *
     * @return the role after the change; empty when the tenant has no such role
     */
    Optional<Role> setPermissions(String tenantId, String name, String type, Map<String, Boolean> values, Instant now) {
        Update update = new Update().set("updatedAt", now);
        values.forEach((permission, value) -> update.set("permissions." + type + "." + permission, value));
        return Optional.ofNullable(mongo.findAndModify(of(tenantId, name), update,
                FindAndModifyOptions.options().returnNew(true), Role.class));
    }

    /**
     * Sets the given permissions on the role of this name in every tenant that has it stored, leaving
     * the other permissions as they are.
     *
     * @return how many tenants' roles were touched
     */
    long setPermissionsOfEveryTenant(String name, Map<String, Map<String, Boolean>> permissions, Instant now) {
        Update update = new Update().set("updatedAt", now);
        permissions.forEach((type, values) -> values.forEach((permission, value) ->
                update.set("permissions." + type + "." + permission, value)));
        return mongo.updateMulti(Query.query(Criteria.where("name").is(name)), update, Role.class).getMatchedCount();
    }

    private static Query of(String tenantId, String name) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("name").is(name));
    }
}
