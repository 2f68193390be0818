package io.parley.chat.project;

import io.parley.chat.convo.ProjectActivity;
import io.parley.chat.support.PageRequest;
import io.parley.common.paging.Keyset;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * LibreChat's {@code chatprojects} collection plus {@code tenantId}. Every query names the tenant and the
 * user, so another person's project is not found.
 */
@Repository
class ProjectStore implements InitializingBean {

    static final String COLLECTION = "chatprojects";

    private final MongoTemplate mongo;

    ProjectStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        // one per order a list can take (LibreChat's own indexes, with the tenant first)
        for (String field : List.of("lastConversationAt", "createdAt", "name")) {
            Sort.Direction direction = field.equals("name") ? Sort.Direction.ASC : Sort.Direction.DESC;
            mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("user", Sort.Direction.ASC)
                    .on(field, direction).on("_id", direction).named("tenant_user_" + field));
        }
    }

    ChatProject insert(String tenantId, String user, String name, String description) {
        Date now = new Date();
        Document created = new Document("tenantId", tenantId).append("user", user).append("name", name)
                .append("description", description).append("conversationCount", 0L).append("lastConversationAt", null)
                .append("lastConversationId", null).append("createdAt", now).append("updatedAt", now);
        mongo.insert(created, COLLECTION);
        return project(created);
    }

    Optional<ChatProject> find(String tenantId, String user, ObjectId id) {
        return Optional.ofNullable(mongo.findOne(one(tenantId, user, id), Document.class, COLLECTION)).map(ProjectStore::project);
    }

    /** LibreChat's {@code ProjectListResponse}: {@code nextCursor} is null on the last page. */
    record Page(List<ChatProject> projects, @Nullable String nextCursor) {
    }

    /**
     * One page of the user's projects.
     *
     * @param search a literal to find in names or descriptions, any case; null for all
     */
    Page page(String tenantId, String user, @Nullable String search, PageRequest page) {
        Query query = Query.query(mine(tenantId, user));
        if (search != null) {
            String literal = Pattern.quote(search);
            query.addCriteria(new Criteria().orOperator(Criteria.where("name").regex(literal, "i"),
                    Criteria.where("description").regex(literal, "i")));
        }
        page.after().ifPresent(query::addCriteria);
        query.with(page.order().sort()).limit(page.size() + 1);
        Keyset.Page shown = page.order().page(mongo.find(query, Document.class, COLLECTION), page.size());
        return new Page(shown.items().stream().map(ProjectStore::project).toList(), shown.nextCursor());
    }

    /** @return the project as it is now; empty when the user has no such project */
    Optional<ChatProject> update(String tenantId, String user, ObjectId id, Map<String, String> fields) {
        Update update = new Update().set("updatedAt", new Date());
        fields.forEach(update::set);
        return Optional.ofNullable(mongo.findAndModify(one(tenantId, user, id), update,
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)).map(ProjectStore::project);
    }

    boolean delete(String tenantId, String user, ObjectId id) {
        return mongo.remove(one(tenantId, user, id), COLLECTION).getDeletedCount() > 0;
    }

    /** Every project of the user (account deletion). */
    long deleteAll(String tenantId, String user) {
        return mongo.remove(Query.query(mine(tenantId, user)), COLLECTION).getDeletedCount();
    }

    /** The user's projects as stored, by id; {@code ids} null for all of them. */
    List<ChatProject> all(String tenantId, String user, @Nullable List<ObjectId> ids) {
        Query query = Query.query(mine(tenantId, user));
        if (ids != null) {
            query.addCriteria(Criteria.where("_id").in(ids));
        }
        return mongo.find(query, Document.class, COLLECTION).stream().map(ProjectStore::project).toList();
    }

    /**
     * Writes counted activity over the stored one, only while the stored one is still {@code seen}: a
     * count made meanwhile by another request is not overwritten by an older one.
     */
    void replaceActivity(String tenantId, String user, ChatProject seen, ProjectActivity counted) {
        Query unchanged = one(tenantId, user, new ObjectId(seen.id())).addCriteria(Criteria.where("conversationCount")
                .is(seen.conversationCount()).and("lastConversationAt").is(date(seen.lastConversationAt()))
                .and("lastConversationId").is(seen.lastConversationId()));
        mongo.updateFirst(unchanged, new Update().set("conversationCount", counted.conversations())
                .set("lastConversationAt", date(counted.lastConversationAt()))
                .set("lastConversationId", counted.lastConversationId()), COLLECTION);
    }

    /** The one place a stored project becomes a {@link ChatProject}. */
    private static ChatProject project(Document stored) {
        Number count = stored.get("conversationCount", Number.class);
        Date last = stored.getDate("lastConversationAt");
        String description = stored.getString("description");
        return new ChatProject(stored.getObjectId("_id").toHexString(), stored.getString("name"),
                description == null ? "" : description, stored.getString("user"), count == null ? 0 : count.longValue(),
                last == null ? null : last.toInstant(), stored.getString("lastConversationId"),
                instant(stored.getDate("createdAt")), instant(stored.getDate("updatedAt")));
    }

    private static Instant instant(@Nullable Date date) {
        return date == null ? Instant.EPOCH : date.toInstant();
    }

    private static @Nullable Date date(@Nullable Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Criteria mine(String tenantId, String user) {
        return Criteria.where("tenantId").is(tenantId).and("user").is(user);
    }

    private static Query one(String tenantId, String user, ObjectId id) {
        return Query.query(mine(tenantId, user).and("_id").is(id));
    }
}
