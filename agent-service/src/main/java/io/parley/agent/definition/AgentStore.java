package io.parley.agent.definition;

import io.parley.common.error.ApiException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;
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
 * The {@code agents} collection: LibreChat's agent document plus {@code tenantId}. Every query names
 * the tenant, so another tenant's agent is simply not found. Which agents a person may reach is
 * decided by auth-service's ACL; list queries take that set as {@link Reach}.
 */
@Repository
public class AgentStore implements InitializingBean {

    static final String COLLECTION = "agents";
    /** The fields of a list item (LibreChat's projection) and what the marketplace adds. */
    static final List<String> LIST_FIELDS = List.of("_id", "id", "name", "avatar", "author", "authorName", "description",
            "updatedAt", "category", "support_contact", "is_promoted");

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

    /**
     * The agents a list may show: every agent of the tenant ({@code all}, an ADMIN) or those whose
     * {@code _id} is among {@code ids}.
     */
    public record Reach(boolean all, Collection<ObjectId> ids) {
    }

    /** Filters of a list; null or false means "no filter". */
    public record Filter(String category, String search, Boolean promoted) {
    }

    public Optional<Document> find(String tenantId, String agentId) {
        return Optional.ofNullable(mongo.findOne(byAgentId(tenantId, agentId), Document.class, COLLECTION));
    }

    /**
     * @throws io.parley.common.error.ApiException.Conflict when the tenant already has an agent with this
     *     {@code id} (ids are random, so only a client replaying one could get here; never a second record)
     */
    void insert(Document agent) {
        try {
            mongo.insert(agent, COLLECTION);
        } catch (DuplicateKeyException e) {
            throw new ApiException.Conflict("An agent with this id already exists");
        }
    }

    /**
     * Applies {@code update} if the agent is still as it was read ({@code updatedAt} unchanged), so two
     * concurrent edits cannot both build on the same version.
     *
     * @return the agent afterwards, or empty when it changed (or went) in between
     */
    Optional<Document> updateIfUnchanged(String tenantId, ObjectId id, Date readUpdatedAt, Update update) {
        Query query = Query.query(Criteria.where("tenantId").is(tenantId).and("_id").is(id).and("updatedAt").is(readUpdatedAt));
        return Optional.ofNullable(mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true),
                Document.class, COLLECTION));
    }

    void delete(String tenantId, ObjectId id) {
        mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("_id").is(id)), COLLECTION);
    }

    /**
     * One page of list items in {@code sort} order (then {@code _id} the same way), after the keyset
     * criteria {@code after} (null for the first page), one more than {@code limit} to tell whether
     * another page follows.
     */
    public List<Document> page(String tenantId, Reach reach, Filter filter, Criteria after, Sort sort, int limit) {
        Query query = Query.query(listCriteria(tenantId, reach, filter));
        if (after != null) {
            query.addCriteria(after);
        }
        query.with(sort).limit(limit + 1);
        LIST_FIELDS.forEach(field -> query.fields().include(field));
        return mongo.find(query, Document.class, COLLECTION);
    }

    /** How many reachable agents each category holds, and how many are promoted (key {@code null}: promoted). */
    public Map<String, Long> countByCategory(String tenantId, Reach reach) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Aggregation aggregation = Aggregation.newAggregation(
                Aggregation.match(listCriteria(tenantId, reach, new Filter(null, null, null))),
                Aggregation.group("category").count().as("count"));
        for (Document row : mongo.aggregate(aggregation, COLLECTION, Document.class)) {
            Object category = row.get("_id");
            if (category instanceof String name) {
                counts.put(name, ((Number) row.get("count")).longValue());
            }
        }
        return counts;
    }

    public long countPromoted(String tenantId, Reach reach) {
        return mongo.count(Query.query(listCriteria(tenantId, reach, new Filter(null, null, true))), COLLECTION);
    }

    /** The {@code _id}s of the agents the user authored (account deletion). */
    public List<ObjectId> authoredBy(String tenantId, String author) {
        Query authored = Query.query(Criteria.where("tenantId").is(tenantId).and("author").is(author));
        authored.fields().include("_id");
        List<ObjectId> ids = new ArrayList<>();
        mongo.find(authored, Document.class, COLLECTION).forEach(agent -> ids.add(agent.getObjectId("_id")));
        return ids;
    }

    /** Every agent the user authored, with its versions (account deletion); returns how many. */
    public long deleteAuthoredBy(String tenantId, String author) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("author").is(author)), COLLECTION)
                .getDeletedCount();
    }

    private static Criteria listCriteria(String tenantId, Reach reach, Filter filter) {
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

    /** The tenant's agents that list {@code fileId} in any of their tool resources, at most {@code limit}. */
    List<Document> listingFile(String tenantId, String fileId, int limit) {
        List<Criteria> anyResource = AgentInput.TOOL_RESOURCES.stream()
                .map(resource -> Criteria.where("tool_resources." + resource + ".file_ids").is(fileId)).toList();
        Query query = Query.query(Criteria.where("tenantId").is(tenantId).andOperator(new Criteria().orOperator(anyResource)))
                .limit(limit);
        return mongo.find(query, Document.class, COLLECTION);
    }

    private static Query byAgentId(String tenantId, String agentId) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("id").is(agentId));
    }
}
