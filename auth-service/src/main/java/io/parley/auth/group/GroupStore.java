package io.parley.auth.group;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;
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
 * The {@code groups} collection. Every method takes the tenant; an id of another tenant, or one
 * that is no ObjectId, is simply not found. No transactions: each change is one atomic update of
 * one document, names are kept unique by the index {@code tenant_name}.
 */
@Repository
class GroupStore implements InitializingBean {

    private final MongoTemplate mongo;

    GroupStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        // Before traffic: the embedded store fails on index creation concurrent with writes.
        mongo.indexOps(Group.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("name", Sort.Direction.ASC).unique().named("tenant_name"));
        mongo.indexOps(Group.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("memberIds", Sort.Direction.ASC).named("tenant_members"));
    }

    /** @return empty when the tenant already has a group with this name (nothing is written) */
    Optional<Group> insert(Group group) {
        try {
            return Optional.of(mongo.insert(group));
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    Optional<Group> byId(String tenantId, String id) {
        return ObjectId.isValid(id) ? Optional.ofNullable(mongo.findOne(of(tenantId, id), Group.class))
                : Optional.empty();
    }

    List<Group> byIds(String tenantId, Collection<String> ids) {
        List<ObjectId> objectIds = ids.stream().filter(ObjectId::isValid).map(ObjectId::new).toList();
        return objectIds.isEmpty() ? List.of()
                : mongo.find(Query.query(Criteria.where("tenantId").is(tenantId).and("_id").in(objectIds)), Group.class);
    }

    /** The tenant's groups by name; {@code prefix} (literal, case-insensitive) narrows them when not null. */
    List<Group> list(String tenantId, String prefix) {
        Criteria criteria = Criteria.where("tenantId").is(tenantId);
        if (prefix != null) {
            // Inside $and: the embedded store would otherwise pick the unique (tenantId, name) index,
            // which cannot answer a $regex ("Not yet implemented"); real MongoDB reads either form.
            criteria = criteria.andOperator(Criteria.where("name").regex("^" + Pattern.quote(prefix), "i"));
        }
        return mongo.find(Query.query(criteria).with(Sort.by("name")), Group.class);
    }

    /**
     * Sets name and/or description (null leaves a field as it is).
     *
     * @return the group after the change; empty when the tenant has no such group
     * @throws DuplicateKeyException when the tenant has another group with the new name
     */
    Optional<Group> update(String tenantId, String id, String name, String description, Instant now) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        Update update = new Update().set("updatedAt", now);
        if (name != null) {
            update.set("name", name);
        }
        if (description != null) {
            update.set("description", description);
        }
        return modify(tenantId, id, update);
    }

    /** Adds users not yet in the group ({@code $addToSet} with {@code $each}); empty for an unknown group. */
    Optional<Group> addMembers(String tenantId, String id, Collection<String> userIds, Instant now) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return modify(tenantId, id, new Update().addToSet("memberIds").each(userIds.toArray()).set("updatedAt", now));
    }

    /** Removes a user if present; empty for an unknown group. */
    Optional<Group> removeMember(String tenantId, String id, String userId, Instant now) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return modify(tenantId, id, new Update().pull("memberIds", userId).set("updatedAt", now));
    }

    /** Takes the user out of every group of the tenant (account deletion); returns how many groups listed them. */
    long removeMemberEverywhere(String tenantId, String userId, Instant now) {
        return mongo.updateMulti(Query.query(Criteria.where("tenantId").is(tenantId).and("memberIds").is(userId)),
                new Update().pull("memberIds", userId).set("updatedAt", now), Group.class).getModifiedCount();
    }

    /** @return false when the tenant has no such group */
    boolean delete(String tenantId, String id) {
        return ObjectId.isValid(id) && mongo.remove(of(tenantId, id), Group.class).getDeletedCount() > 0;
    }

    /** Ids of the tenant's groups that have this user as a member, in id order. */
    List<String> idsWithMember(String tenantId, String userId) {
        Query query = Query.query(Criteria.where("tenantId").is(tenantId).and("memberIds").is(userId))
                .with(Sort.by("_id"));
        query.fields().include("_id");
        return mongo.find(query, org.bson.Document.class, "groups").stream()
                .map(doc -> doc.getObjectId("_id").toHexString()).toList();
    }

    private Optional<Group> modify(String tenantId, String id, Update update) {
        return Optional.ofNullable(mongo.findAndModify(of(tenantId, id), update,
                FindAndModifyOptions.options().returnNew(true), Group.class));
    }

    private static Query of(String tenantId, String id) {
        return Query.query(Criteria.where("_id").is(new ObjectId(id)).and("tenantId").is(tenantId));
    }
}
