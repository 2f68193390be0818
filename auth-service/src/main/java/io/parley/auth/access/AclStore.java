package io.parley.auth.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The {@code acl_entries} collection. Every query names the tenant; a (resource, principal) pair has
 * at most one entry (unique index), so granting again replaces the role.
 */
@Repository
class AclStore implements InitializingBean {

    private final MongoTemplate mongo;

    AclStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        // Before traffic: the embedded store fails on index creation concurrent with writes.
        mongo.indexOps(AclEntry.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("resourceType", Sort.Direction.ASC).on("resourceId", Sort.Direction.ASC)
                .on("principalType", Sort.Direction.ASC).on("principalId", Sort.Direction.ASC)
                .unique().named("tenant_resource_principal"));
        mongo.indexOps(AclEntry.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("principalType", Sort.Direction.ASC).on("principalId", Sort.Direction.ASC)
                .on("resourceType", Sort.Direction.ASC).named("tenant_principal"));
    }

    /** Gives a principal a role on a resource, replacing the role it had. */
    void put(String tenantId, ResourceType type, String resourceId, Principal principal, AccessRole role,
             String grantedBy, Instant now) {
        mongo.upsert(Query.query(one(tenantId, type, resourceId, principal)), new Update()
                .set("permBits", role.permBits()).set("accessRoleId", role.accessRoleId())
                .set("grantedBy", grantedBy).set("grantedAt", now), AclEntry.class);
    }

    void remove(String tenantId, ResourceType type, String resourceId, Principal principal) {
        mongo.remove(Query.query(one(tenantId, type, resourceId, principal)), AclEntry.class);
    }

    long removeResource(String tenantId, ResourceType type, String resourceId) {
        return mongo.remove(Query.query(resource(tenantId, type, resourceId)), AclEntry.class).getDeletedCount();
    }

    /** Every entry naming this principal, on any resource: the principal no longer exists. */
    long removePrincipal(String tenantId, Principal principal) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId)
                .and("principalType").is(principal.type().wireName()).and("principalId").is(principal.id())),
                AclEntry.class).getDeletedCount();
    }

    List<AclEntry> entries(String tenantId, ResourceType type, String resourceId) {
        return mongo.find(Query.query(resource(tenantId, type, resourceId)).with(Sort.by("grantedAt", "_id")),
                AclEntry.class);
    }

    /** The OR of the bits the principals hold on one resource; 0 when none holds any. */
    int bits(String tenantId, ResourceType type, String resourceId, Collection<Principal> principals) {
        Query query = Query.query(resource(tenantId, type, resourceId).andOperator(anyOf(principals)));
        query.fields().include("permBits");
        int bits = 0;
        for (AclEntry entry : mongo.find(query, AclEntry.class)) {
            bits |= entry.permBits();
        }
        return bits;
    }

    /**
     * The resources of one type on which the principals together hold bits accepted by {@code wanted},
     * in resource id order after {@code afterId} (exclusive; null for the start), at most {@code limit}.
     */
    Map<String, Integer> reachable(String tenantId, ResourceType type, Collection<Principal> principals,
                                   String afterId, int limit, Predicate<Integer> wanted) {
        Criteria criteria = Criteria.where("tenantId").is(tenantId).and("resourceType").is(type.wireName());
        if (afterId != null) {
            criteria = criteria.and("resourceId").gt(afterId);
        }
        Query query = Query.query(criteria.andOperator(anyOf(principals))).with(Sort.by("resourceId"));
        query.fields().include("resourceId", "permBits");
        Map<String, Integer> found = new LinkedHashMap<>();
        String current = null;
        int bits = 0;
        // Entries arrive grouped by resource: OR each group, keep it if it qualifies.
        try (Stream<AclEntry> entries = mongo.stream(query, AclEntry.class)) {
            for (AclEntry entry : (Iterable<AclEntry>) entries::iterator) {
                if (!entry.resourceId().equals(current)) {
                    if (current != null && wanted.test(bits)) {
                        found.put(current, bits);
                        if (found.size() == limit) {
                            return found;
                        }
                    }
                    current = entry.resourceId();
                    bits = 0;
                }
                bits |= entry.permBits();
            }
        }
        if (current != null && wanted.test(bits)) {
            found.put(current, bits);
        }
        return found;
    }

    /** Ids of the tenant's resources of one type that have any entry, in id order, at most {@code limit}. */
    List<String> resourceIds(String tenantId, ResourceType type, int limit) {
        return new ArrayList<>(mongo.findDistinct(Query.query(Criteria.where("tenantId").is(tenantId)
                .and("resourceType").is(type.wireName())), "resourceId", AclEntry.class, String.class))
                .stream().sorted().limit(limit).toList();
    }

    private static Criteria resource(String tenantId, ResourceType type, String resourceId) {
        return Criteria.where("tenantId").is(tenantId).and("resourceType").is(type.wireName())
                .and("resourceId").is(resourceId);
    }

    private static Criteria one(String tenantId, ResourceType type, String resourceId, Principal principal) {
        return resource(tenantId, type, resourceId).and("principalType").is(principal.type().wireName())
                .and("principalId").is(principal.id());
    }

    private static Criteria anyOf(Collection<Principal> principals) {
        return new Criteria().orOperator(principals.stream()
                .map(p -> Criteria.where("principalType").is(p.type().wireName()).and("principalId").is(p.id()))
                .toList());
    }
}
