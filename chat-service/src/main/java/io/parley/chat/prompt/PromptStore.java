package io.parley.chat.prompt;

import java.util.Collection;
import java.util.Date;
import java.util.List;
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
 * LibreChat's prompt library: {@code promptgroups} (name, category, command, the production version)
 * and their {@code prompts} (the versions), and the one place they become documents and back. Queries
 * take the tenant and the set of group ids the caller may reach, which {@link PromptAccess} decides.
 * Ids are the hex strings of the records; a client's are checked before they get here.
 */
@Repository
class PromptStore implements InitializingBean {

    static final String GROUPS = "promptgroups";
    static final String PROMPTS = "prompts";

    private final MongoTemplate mongo;

    PromptStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(GROUPS).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("author", Sort.Direction.ASC)
                .on("updatedAt", Sort.Direction.DESC).named("tenant_author_updated"));
        mongo.indexOps(PROMPTS).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("groupId", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC).named("tenant_group_created"));
    }

    /** The latest changed first; {@code name} matches anywhere, case-insensitively. */
    List<PromptGroup> groups(String tenantId, Criteria reachable, @Nullable String name, @Nullable String category,
                             int skip, int limit) {
        Criteria criteria = Criteria.where("tenantId").is(tenantId).andOperator(reachable);
        if (name != null) {
            criteria = criteria.and("name").regex(Pattern.quote(name), "i");
        }
        if (category != null) {
            criteria = criteria.and("category").is(category);
        }
        return mongo.find(Query.query(criteria).with(Sort.by(Sort.Order.desc("updatedAt"), Sort.Order.desc("_id")))
                .skip(skip).limit(limit), Document.class, GROUPS).stream().map(PromptStore::group).toList();
    }

    Optional<PromptGroup> group(String tenantId, String id) {
        return Optional.ofNullable(mongo.findOne(byId(tenantId, id), Document.class, GROUPS)).map(PromptStore::group);
    }

    Optional<Prompt> prompt(String tenantId, String id) {
        return Optional.ofNullable(mongo.findOne(byId(tenantId, id), Document.class, PROMPTS)).map(PromptStore::prompt);
    }

    /** The group's versions, the newest first. */
    List<Prompt> prompts(String tenantId, String groupId) {
        return mongo.find(Query.query(Criteria.where("tenantId").is(tenantId).and("groupId").is(new ObjectId(groupId)))
                .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"))), Document.class, PROMPTS)
                .stream().map(PromptStore::prompt).toList();
    }

    List<Prompt> promptsById(String tenantId, Collection<String> ids) {
        return mongo.find(Query.query(Criteria.where("tenantId").is(tenantId).and("_id").in(ids.stream().map(ObjectId::new).toList())),
                Document.class, PROMPTS).stream().map(PromptStore::prompt).toList();
    }

    /**
     * A new group, without a version yet: LibreChat's defaults (no use, empty oneliner and category, no command)
     * where {@code fields} has none.
     *
     * @param id chosen by the caller, who grants its owner entry before the group exists
     */
    PromptGroup insertGroup(String tenantId, String id, String author, String authorName, GroupFields fields) {
        Date now = new Date();
        Document group = new Document("_id", new ObjectId(id)).append("tenantId", tenantId).append("author", author)
                .append("authorName", authorName).append("numberOfGenerations", 0)
                .append("oneliner", fields.oneliner() == null ? "" : fields.oneliner())
                .append("category", fields.category() == null ? "" : fields.category())
                .append("command", fields.command()).append("name", fields.name())
                .append("createdAt", now).append("updatedAt", now);
        return group(mongo.insert(group, GROUPS));
    }

    Prompt insertPrompt(String tenantId, String groupId, String author, PromptText text) {
        Date now = new Date();
        Document prompt = new Document("_id", new ObjectId()).append("tenantId", tenantId)
                .append("groupId", new ObjectId(groupId)).append("author", author).append("prompt", text.prompt())
                .append("type", text.type()).append("createdAt", now).append("updatedAt", now);
        return prompt(mongo.insert(prompt, PROMPTS));
    }

    /** Sets the fields {@code changes} has (a sent null command removes it). */
    Optional<PromptGroup> change(String tenantId, String groupId, GroupFields changes) {
        Update update = new Update();
        setIfSent(update, "name", changes.name());
        setIfSent(update, "oneliner", changes.oneliner());
        setIfSent(update, "category", changes.category());
        if (changes.commandSent()) {
            update.set("command", changes.command());
        }
        return updateGroup(tenantId, groupId, update);
    }

    Optional<PromptGroup> setProduction(String tenantId, String groupId, String promptId) {
        return updateGroup(tenantId, groupId, new Update().set("productionId", new ObjectId(promptId)));
    }

    /** Marks the group changed, as a new version does. */
    void touch(String tenantId, String groupId) {
        updateGroup(tenantId, groupId, new Update());
    }

    /** Counts one use; the group as it is after. */
    Optional<PromptGroup> countUse(String tenantId, String groupId) {
        return updateGroup(tenantId, groupId, new Update().inc("numberOfGenerations", 1));
    }

    void deletePrompt(String tenantId, String id) {
        mongo.remove(byId(tenantId, id), PROMPTS);
    }

    /** The group with every version in it. */
    void deleteGroup(String tenantId, String id) {
        mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("groupId").is(new ObjectId(id))), PROMPTS);
        mongo.remove(byId(tenantId, id), GROUPS);
    }

    /**
     * Everything the user wrote in the library (account deletion): their prompt groups with every
     * version in them, and their versions in other groups. Versions first, so that a failure half-way
     * leaves groups to find again rather than versions whose group is gone.
     */
    long deleteAll(String tenantId, String author) {
        Query groupIds = authoredBy(tenantId, author);
        groupIds.fields().include("_id");
        List<Object> groups = mongo.find(groupIds, Document.class, GROUPS).stream().map(group -> group.get("_id")).toList();
        long prompts = mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).orOperator(
                Criteria.where("author").is(author), Criteria.where("groupId").in(groups))), PROMPTS).getDeletedCount();
        return prompts + mongo.remove(authoredBy(tenantId, author), GROUPS).getDeletedCount();
    }

    private Optional<PromptGroup> updateGroup(String tenantId, String groupId, Update update) {
        update.set("updatedAt", new Date());
        return Optional.ofNullable(mongo.findAndModify(byId(tenantId, groupId), update,
                FindAndModifyOptions.options().returnNew(true), Document.class, GROUPS)).map(PromptStore::group);
    }

    private static void setIfSent(Update update, String field, @Nullable String value) {
        if (value != null) {
            update.set(field, value);
        }
    }

    private static PromptGroup group(Document stored) {
        ObjectId productionId = stored.getObjectId("productionId");
        return new PromptGroup(stored.getObjectId("_id").toHexString(), stored.getString("author"),
                stored.getString("authorName"), stored.getInteger("numberOfGenerations", 0), stored.getString("oneliner"),
                stored.getString("category"), stored.getString("command"), stored.getString("name"),
                stored.getDate("createdAt").toInstant(), stored.getDate("updatedAt").toInstant(),
                productionId == null ? null : productionId.toHexString());
    }

    private static Prompt prompt(Document stored) {
        return new Prompt(stored.getObjectId("_id").toHexString(), stored.getObjectId("groupId").toHexString(),
                stored.getString("author"), stored.getString("prompt"), stored.getString("type"),
                stored.getDate("createdAt").toInstant(), stored.getDate("updatedAt").toInstant());
    }

    private static Query authoredBy(String tenantId, String author) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("author").is(author));
    }

    private static Query byId(String tenantId, String id) {
        return Query.query(Criteria.where("_id").is(new ObjectId(id)).and("tenantId").is(tenantId));
    }
}
