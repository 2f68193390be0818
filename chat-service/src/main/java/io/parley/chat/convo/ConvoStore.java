package io.parley.chat.convo;

import io.parley.chat.support.CountsByUser;
import io.parley.chat.support.PageRequest;
import io.parley.chat.support.TenantUniqueIds;
import io.parley.common.paging.Keyset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
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
 * The conversations collection, LibreChat's document shape. A conversation id is unique within its
 * tenant; every query names the tenant and the user, so another user's conversation is not found.
 */
@Repository
class ConvoStore implements InitializingBean {

    static final String COLLECTION = "conversations";
    /** LibreChat's field: the id of the chat project the conversation is filed under, absent for none. */
    static final String PROJECT = "chatProjectId";
    /** The fields of a list item (LibreChat's projection) plus what the client filters on. */
    private static final List<String> LIST_FIELDS = List.of("_id", "conversationId", "endpoint", "endpointType", "title",
            "createdAt", "updatedAt", "user", "model", "agent_id", "assistant_id", "spec", "iconURL", "pinned",
            "isArchived", "tags", "chatProjectId");

    private final MongoTemplate mongo;
    private final TenantUniqueIds ids;

    ConvoStore(MongoTemplate mongo) {
        this.mongo = mongo;
        this.ids = new TenantUniqueIds(mongo, COLLECTION, "conversationId", Convos.NOT_FOUND);
    }

    @Override
    public void afterPropertiesSet() {
        ids.ensureIndex("tenant_convo", "tenant_user_convo");
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("user", Sort.Direction.ASC)
                .on("updatedAt", Sort.Direction.DESC).named("tenant_user_updated"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("user", Sort.Direction.ASC)
                .on(PROJECT, Sort.Direction.ASC).on("updatedAt", Sort.Direction.DESC).named("tenant_user_project_updated"));
    }

    Optional<Conversation> find(String tenantId, String user, String conversationId) {
        return Optional.ofNullable(mongo.findOne(owned(tenantId, user, conversationId), Document.class, COLLECTION))
                .map(ConversationDocuments::conversation);
    }

    /** A page of the list (LibreChat's list fields), sorted as asked, and the cursor of the next when there is one. */
    Convos.Page page(String tenantId, String user, ListFilter filter, PageRequest page) {
        Criteria criteria = Criteria.where("tenantId").is(tenantId).and("user").is(user);
        criteria = filter.archived() ? criteria.and("isArchived").is(true) : criteria.and("isArchived").ne(true);
        if (!filter.tags().isEmpty()) {
            criteria = criteria.and("tags").in(filter.tags());
        }
        if (filter.matching() != null) {
            criteria = criteria.and("conversationId").in(filter.matching());
        }
        if (filter.project() != null) {
            // LibreChat's "unassigned": in no project (null also matches a missing field)
            criteria = criteria.and(PROJECT).is(filter.project().equals(ListFilter.UNASSIGNED) ? null : filter.project());
        }
        Query query = Query.query(criteria);
        page.after().ifPresent(query::addCriteria);
        query.with(page.order().sort()).limit(page.size() + 1);
        LIST_FIELDS.forEach(field -> query.fields().include(field));
        Keyset.Page shown = page.order().page(mongo.find(query, Document.class, COLLECTION), page.size());
        return new Convos.Page(shown.items().stream().map(ConversationDocuments::conversation).toList(),
                shown.nextCursor(), shown.nextCursor() != null);
    }

    /** @throws io.parley.common.error.ApiException.NotFound when another user of the tenant has this conversation */
    void requireNotAnothers(String tenantId, String user, String conversationId) {
        ids.requireNotAnothers(tenantId, user, conversationId);
    }

    /**
     * Creates the conversation on its first message, or marks it as just used.
     *
     * @throws io.parley.common.error.ApiException.NotFound when another user of the tenant has this conversation
     */
    void touch(String tenantId, String user, String conversationId, Map<String, Object> setIfPresent) {
        ids.write(tenantId, user, conversationId, () -> mongo.upsert(owned(tenantId, user, conversationId),
                touching(tenantId, user, conversationId, setIfPresent), COLLECTION));
    }

    /** {@link #touch} in one round trip that also returns the conversation as it is now. */
    Conversation touchAndGet(String tenantId, String user, String conversationId, Map<String, Object> setIfPresent) {
        return ConversationDocuments.conversation(ids.write(tenantId, user, conversationId, () -> mongo.findAndModify(
                owned(tenantId, user, conversationId), touching(tenantId, user, conversationId, setIfPresent),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION)));
    }

    private static Update touching(String tenantId, String user, String conversationId, Map<String, Object> setIfPresent) {
        Date now = new Date();
        Update update = new Update().set("updatedAt", now)
                .setOnInsert("tenantId", tenantId).setOnInsert("user", user).setOnInsert("conversationId", conversationId)
                .setOnInsert("title", Convos.DEFAULT_TITLE).setOnInsert("isArchived", false).setOnInsert("tags", List.of())
                .setOnInsert("createdAt", now);
        setIfPresent.forEach((field, value) -> {
            if (value != null) {
                update.set(field, value);
            }
        });
        return update;
    }

    /** Sets a generated title unless the person has already named the conversation. */
    void titleIfDefault(String tenantId, String user, String conversationId, String title) {
        mongo.updateFirst(owned(tenantId, user, conversationId).addCriteria(Criteria.where("title").is(Convos.DEFAULT_TITLE)),
                new Update().set("title", title), COLLECTION);
    }

    /** Sets one of LibreChat's flags or the title: {@code title}, {@code isArchived}, {@code pinned}. */
    Optional<Conversation> set(String tenantId, String user, String conversationId, String field, Object value) {
        Update update = new Update().set("updatedAt", new Date()).set(field, value);
        return Optional.ofNullable(mongo.findAndModify(owned(tenantId, user, conversationId), update,
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION))
                .map(ConversationDocuments::conversation);
    }

    long delete(String tenantId, String user, String conversationId) {
        return mongo.remove(owned(tenantId, user, conversationId), COLLECTION).getDeletedCount();
    }

    long deleteAll(String tenantId, String user) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user)), COLLECTION)
                .getDeletedCount();
    }

    /**
     * One lookup per id: each is answered from the {@code tenant_convo} index, on the embedded store too, where
     * an {@code $in} would read every conversation of the tenant (a batch of messages names a few).
     */
    Map<String, String> owners(String tenantId, Collection<String> conversationIds) {
        Map<String, String> owners = new java.util.HashMap<>();
        for (String id : conversationIds) {
            Query query = Query.query(Criteria.where("tenantId").is(tenantId).and("conversationId").is(id));
            query.fields().include("conversationId", "user");
            Document found = mongo.findOne(query, Document.class, COLLECTION);
            if (found != null) {
                owners.put(id, found.getString("user"));
            }
        }
        return owners;
    }

    Conversation insert(Conversation conversation) {
        return ConversationDocuments.conversation(mongo.insert(ConversationDocuments.document(conversation), COLLECTION));
    }

    /** Adds a tag to one conversation; false when the caller has no such conversation. */
    boolean addTag(String tenantId, String user, String conversationId, String tag) {
        return mongo.updateFirst(owned(tenantId, user, conversationId), new Update().addToSet("tags", tag), COLLECTION)
                .getMatchedCount() > 0;
    }

    /** Replaces a conversation's tags; the previous ones, or empty when there is no such conversation. */
    Optional<List<String>> replaceTags(String tenantId, String user, String conversationId, List<String> tags) {
        Document before = mongo.findAndModify(owned(tenantId, user, conversationId), new Update().set("tags", tags),
                Document.class, COLLECTION);
        return Optional.ofNullable(before).map(d -> d.getList("tags", String.class, List.of()));
    }

    void renameTag(String tenantId, String user, String from, String to) {
        Query tagged = Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user).and("tags").is(from));
        mongo.updateMulti(tagged, new Update().addToSet("tags", to), COLLECTION);
        mongo.updateMulti(tagged, new Update().pull("tags", from), COLLECTION);
    }

    void removeTag(String tenantId, String user, String tag) {
        mongo.updateMulti(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user).and("tags").is(tag)),
                new Update().pull("tags", tag), COLLECTION);
    }

    long countTagged(String tenantId, String user, String tag) {
        return mongo.count(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user).and("tags").is(tag)),
                COLLECTION);
    }

    private static Query owned(String tenantId, String user, String conversationId) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user).and("conversationId").is(conversationId));
    }

    /**
     * What a conversation list is narrowed to.
     *
     * @param matching the conversation ids a search found; null for no search
     * @param project  a project's id, {@link #UNASSIGNED} for the conversations in none, null for all
     */
    record ListFilter(boolean archived, List<String> tags, @Nullable Collection<String> matching,
                      @Nullable String project) {

        static final String UNASSIGNED = "unassigned";
    }

    /** Files the conversation under a project ({@code null}: under none); the conversation as it is now. */
    Optional<Conversation> setProject(String tenantId, String user, String conversationId, @Nullable String projectId) {
        Update update = new Update().set("updatedAt", new Date());
        if (projectId == null) {
            update.unset(PROJECT);
        } else {
            update.set(PROJECT, projectId);
        }
        return Optional.ofNullable(mongo.findAndModify(owned(tenantId, user, conversationId), update,
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION))
                .map(ConversationDocuments::conversation);
    }

    /** Takes every conversation of the user out of a project; how many were in it. */
    long clearProject(String tenantId, String user, String projectId) {
        return mongo.updateMulti(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user).and(PROJECT).is(projectId)),
                new Update().unset(PROJECT), COLLECTION).getModifiedCount();
    }

    /**
     * How many of the user's conversations each project holds and which was active last, counting those
     * a project's list shows (not archived).
     *
     * @param projectIds the projects to count; null for every project the user has conversations in
     */
    List<ProjectActivity> projectActivity(String tenantId, String user, @Nullable Collection<String> projectIds) {
        Criteria inProjects = Criteria.where("tenantId").is(tenantId).and("user").is(user).and("isArchived").ne(true);
        inProjects = projectIds == null ? inProjects.and(PROJECT).ne(null) : inProjects.and(PROJECT).in(projectIds);
        Aggregation activity = Aggregation.newAggregation(
                Aggregation.match(inProjects),
                Aggregation.sort(Sort.by(Sort.Direction.DESC, "updatedAt", "_id")),
                Aggregation.group(PROJECT).count().as("count").first("conversationId").as("lastId")
                        .first("updatedAt").as("lastUpdated").first("createdAt").as("lastCreated"));
        List<ProjectActivity> out = new ArrayList<>();
        for (Document row : mongo.aggregate(activity, COLLECTION, Document.class)) {
            if (row.get("_id") instanceof String project) {
                Date last = row.getDate("lastUpdated") != null ? row.getDate("lastUpdated") : row.getDate("lastCreated");
                out.add(new ProjectActivity(project, ((Number) row.get("count")).longValue(),
                        last == null ? null : last.toInstant(), row.getString("lastId")));
            }
        }
        return out;
    }

    /** How many documents each user of the tenant has (an admin's statistics); users with none are absent. */
    Map<String, Long> countByUser(String tenantId) {
        return CountsByUser.of(mongo, COLLECTION, tenantId);
    }
}
