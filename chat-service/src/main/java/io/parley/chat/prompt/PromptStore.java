package io.parley.chat.prompt;

import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;
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
 * and their {@code prompts} (the versions). Queries take the tenant and the set of group ids the
 * caller may reach, which {@link PromptAccess} decides.
 */
@Repository
public class PromptStore implements InitializingBean {

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

    List<Document> groups(String tenantId, Criteria reachable, String name, String category, int skip, int limit) {
        Criteria criteria = Criteria.where("tenantId").is(tenantId).andOperator(reachable);
        if (name != null) {
            criteria = criteria.and("name").regex(Pattern.quote(name), "i");
        }
        if (category != null) {
            criteria = criteria.and("category").is(category);
        }
        return mongo.find(Query.query(criteria).with(Sort.by(Sort.Order.desc("updatedAt"), Sort.Order.desc("_id")))
                .skip(skip).limit(limit), Document.class, GROUPS);
    }

    Optional<Document> group(String tenantId, ObjectId id) {
        return Optional.ofNullable(mongo.findOne(byId(tenantId, id), Document.class, GROUPS));
    }

    Optional<Document> prompt(String tenantId, ObjectId id) {
        return Optional.ofNullable(mongo.findOne(byId(tenantId, id), Document.class, PROMPTS));
    }

    List<Document> prompts(String tenantId, ObjectId groupId) {
        return mongo.find(Query.query(Criteria.where("tenantId").is(tenantId).and("groupId").is(groupId))
                .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"))), Document.class, PROMPTS);
    }

    List<Document> promptsById(String tenantId, Collection<ObjectId> ids) {
        return mongo.find(Query.query(Criteria.where("tenantId").is(tenantId).and("_id").in(ids)), Document.class, PROMPTS);
    }

    Document insertGroup(Document group) {
        return mongo.insert(group, GROUPS);
    }

    Document insertPrompt(Document prompt) {
        return mongo.insert(prompt, PROMPTS);
    }

    Optional<Document> updateGroup(String tenantId, ObjectId id, Update update) {
        update.set("updatedAt", new Date());
        return Optional.ofNullable(mongo.findAndModify(byId(tenantId, id), update,
                FindAndModifyOptions.options().returnNew(true), Document.class, GROUPS));
    }

    void deletePrompt(String tenantId, ObjectId id) {
        mongo.remove(byId(tenantId, id), PROMPTS);
    }

    void deleteGroup(String tenantId, ObjectId id) {
        mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("groupId").is(id)), PROMPTS);
        mongo.remove(byId(tenantId, id), GROUPS);
    }

    /**
     * Everything the user wrote in the library (account deletion): their prompt groups with every
     * version in them, and their versions in other groups. Versions first, so that a failure half-way
     * leaves groups to find again rather than versions whose group is gone.
     */
    public long deleteAll(String tenantId, String author) {
        Query groupIds = authoredBy(tenantId, author);
        groupIds.fields().include("_id");
        List<Object> groups = mongo.find(groupIds, Document.class, GROUPS).stream().map(group -> group.get("_id")).toList();
        long prompts = mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).orOperator(
                Criteria.where("author").is(author), Criteria.where("groupId").in(groups))), PROMPTS).getDeletedCount();
        return prompts + mongo.remove(authoredBy(tenantId, author), GROUPS).getDeletedCount();
    }

    private static Query authoredBy(String tenantId, String author) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("author").is(author));
    }

    private static Query byId(String tenantId, ObjectId id) {
        return Query.query(Criteria.where("_id").is(id).and("tenantId").is(tenantId));
    }
}
