package io.parley.agent.definition;

import io.parley.common.error.ApiException;
import io.parley.common.paging.Keyset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The {@code agents} collection (documents shaped by {@link AgentDocuments}). Every query names the
 * tenant, so another tenant's agent is simply not found. Which agents a person may reach is decided by
 * auth-service's ACL; lists take that set as an {@link AgentReach}.
 */
@Repository
class AgentStore implements InitializingBean {

    static final String COLLECTION = "agents";

    private final MongoTemplate mongo;

    AgentStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        // Before traffic: the embedded store fails on index creation concurrent with writes.
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("id", Sort.Direction.ASC)
                .unique().named("tenant_agent_id"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("updatedAt", Sort.Direction.DESC).on("_id", Sort.Direction.DESC).named("tenant_updated"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("author", Sort.Direction.ASC).named("tenant_author"));
    }

    Optional<Agent> find(String tenantId, String agentId) {
        Query query = Query.query(Criteria.where("tenantId").is(tenantId).and("id").is(agentId));
        return Optional.ofNullable(mongo.findOne(query, Document.class, COLLECTION)).map(AgentDocuments::agent);
    }

    /**
     * @throws ApiException.Conflict when the tenant already has an agent with this {@code id} (ids are random,
     *     so only a client replaying one could get here; never a second record)
     */
    void insert(Agent agent) {
        try {
            mongo.insert(AgentDocuments.document(agent), COLLECTION);
        } catch (DuplicateKeyException e) {
            throw new ApiException.Conflict("An agent with this id already exists");
        }
    }

    /**
     * Makes {@code definition} the agent's, adding {@code version} to its versions (null adds none), if the
     * agent is still as {@code read} was ({@code updatedAt} unchanged), so two concurrent edits cannot both
     * build on the same version. A definition field stored as null or with a type Parley does not read stays as
     * stored unless the new definition sets it.
     *
     * @return the agent afterwards, or empty when it changed (or went) in between
     */
    Optional<Agent> replaceDefinition(Agent read, AgentDefinition definition, @Nullable AgentVersion version, Instant at) {
        Query unchanged = Query.query(Criteria.where("tenantId").is(read.tenantId()).and("_id").is(read.objectId())
                .and("updatedAt").is(Date.from(read.updatedAt())));
        Document fields = AgentDocuments.definition(definition);
        Update update = new Update().set("updatedAt", Date.from(at));
        for (String field : AgentDocuments.DEFINITION_FIELDS) {
            if (fields.containsKey(field)) {
                update.set(field, fields.get(field));
            } else if (!read.extra().containsKey(field)) {
                update.unset(field);
            }
        }
        if (version != null) {
            update.push("versions", AgentDocuments.version(version));
        }
        return Optional.ofNullable(mongo.findAndModify(unchanged, update, FindAndModifyOptions.options().returnNew(true),
                Document.class, COLLECTION)).map(AgentDocuments::agent);
    }

    void delete(String tenantId, ObjectId id) {
        mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("_id").is(id)), COLLECTION);
    }

    /**
     * One page of list items in {@code order}, after {@code after} (empty for the first page); reads one
     * more than {@code limit} to tell whether another page follows.
     */
    Agents.Slice page(String tenantId, AgentReach reach, ListQuery.Filter filter, Optional<Criteria> after,
                      Agents.Order order, int limit) {
        Query query = Query.query(listCriteria(tenantId, reach, filter));
        after.ifPresent(query::addCriteria);
        query.with(order.keyset.sort()).limit(limit + 1);
        AgentDocuments.SUMMARY_FIELDS.forEach(field -> query.fields().include(field));
        Keyset.Page shown = order.keyset.page(mongo.find(query, Document.class, COLLECTION), limit);
        return new Agents.Slice(shown.items().stream().map(AgentDocuments::summary).toList(), shown.nextCursor());
    }

    /** How many reachable agents each category holds, and how many are promoted. */
    Agents.CategoryCounts countByCategory(String tenantId, AgentReach reach) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Aggregation aggregation = Aggregation.newAggregation(
                Aggregation.match(listCriteria(tenantId, reach, ListQuery.Filter.NONE)),
                Aggregation.group("category").count().as("count"));
        for (Document row : mongo.aggregate(aggregation, COLLECTION, Document.class)) {
            if (row.get("_id") instanceof String category) {
                counts.put(category, ((Number) row.get("count")).longValue());
            }
        }
        long promoted = mongo.count(Query.query(listCriteria(tenantId, reach, ListQuery.Filter.PROMOTED)), COLLECTION);
        return new Agents.CategoryCounts(counts, promoted);
    }

    /** The {@code _id}s of the agents the user authored. */
    List<ObjectId> authoredBy(String tenantId, String author) {
        Query authored = Query.query(Criteria.where("tenantId").is(tenantId).and("author").is(author));
        authored.fields().include("_id");
        List<ObjectId> ids = new ArrayList<>();
        mongo.find(authored, Document.class, COLLECTION).forEach(agent -> ids.add(agent.getObjectId("_id")));
        return ids;
    }

    /** Every agent the user authored, with its versions; returns how many. */
    long deleteAuthoredBy(String tenantId, String author) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("author").is(author)), COLLECTION)
                .getDeletedCount();
    }

    /** The tenant's agents that list {@code fileId} in any of their tool resources, at most {@code limit}. */
    List<Agent> listingFile(String tenantId, String fileId, int limit) {
        List<Criteria> anyResource = ToolResources.NAMES.stream()
                .map(resource -> Criteria.where("tool_resources." + resource + ".file_ids").is(fileId)).toList();
        Query query = Query.query(Criteria.where("tenantId").is(tenantId).andOperator(new Criteria().orOperator(anyResource)))
                .limit(limit);
        return mongo.find(query, Document.class, COLLECTION).stream().map(AgentDocuments::agent).toList();
    }

    private static Criteria listCriteria(String tenantId, AgentReach reach, ListQuery.Filter filter) {
        Criteria criteria = Criteria.where("tenantId").is(tenantId);
        List<Criteria> and = new ArrayList<>();
        if (!reach.all()) {
            and.add(Criteria.where("_id").in(reach.ids()));
        }
        if (filter.category() != null) {
            and.add(Criteria.where("category").is(filter.category()));
        }
        if (Boolean.TRUE.equals(filter.promoted())) {
            and.add(Criteria.where("is_promoted").is(true));
        } else if (Boolean.FALSE.equals(filter.promoted())) {
            and.add(Criteria.where("is_promoted").ne(true));
        }
        if (filter.search() != null) {
            // literal words, case-insensitive, in the name or the description (LibreChat's search)
            String literal = Pattern.quote(filter.search());
            and.add(new Criteria().orOperator(Criteria.where("name").regex(literal, "i"),
                    Criteria.where("description").regex(literal, "i")));
        }
        return and.isEmpty() ? criteria : criteria.andOperator(and);
    }
}
