package io.parley.chat.tag;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
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

/** LibreChat's conversation tags (bookmarks): one document per tag and user, unique by name. */
@Repository
class TagStore implements InitializingBean {

    static final String COLLECTION = "conversation_tags";

    private final MongoTemplate mongo;

    TagStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("user", Sort.Direction.ASC)
                .on("tag", Sort.Direction.ASC).unique().named("tenant_user_tag"));
    }

    List<Tag> all(String tenantId, String user) {
        return mongo.find(mine(tenantId, user).with(Sort.by("position", "_id")), Document.class, COLLECTION).stream()
                .map(TagStore::tag).toList();
    }

    Optional<Tag> find(String tenantId, String user, String tag) {
        return Optional.ofNullable(mongo.findOne(named(tenantId, user, tag), Document.class, COLLECTION)).map(TagStore::tag);
    }

    /** Inserts at the end of the list; empty when the tag exists already (nothing changes). */
    Optional<Tag> create(String tenantId, String user, String tag, @Nullable String description) {
        Document last = mongo.findOne(mine(tenantId, user).with(Sort.by(Sort.Direction.DESC, "position")).limit(1),
                Document.class, COLLECTION);
        int position = last == null ? 1 : last.getInteger("position", 0) + 1;
        Date now = new Date();
        Document created = new Document("tenantId", tenantId).append("user", user).append("tag", tag)
                .append("description", description).append("count", 0).append("position", position)
                .append("createdAt", now).append("updatedAt", now);
        try {
            mongo.insert(created, COLLECTION);
            return Optional.of(tag(created));
        } catch (DuplicateKeyException exists) {
            return Optional.empty();
        }
    }

    Optional<Tag> update(String tenantId, String user, String tag, Update update) {
        update.set("updatedAt", new Date());
        return Optional.ofNullable(mongo.findAndModify(named(tenantId, user, tag), update,
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)).map(TagStore::tag);
    }

    /** Moves the positions in [from, to] by {@code delta} (reordering). */
    void shift(String tenantId, String user, int from, int to, int delta) {
        mongo.updateMulti(mine(tenantId, user).addCriteria(Criteria.where("position").gte(from).lte(to)),
                new Update().inc("position", delta), COLLECTION);
    }

    Optional<Tag> delete(String tenantId, String user, String tag) {
        return Optional.ofNullable(mongo.findAndRemove(named(tenantId, user, tag), Document.class, COLLECTION)).map(TagStore::tag);
    }

    /** Every tag of the user (account deletion). */
    long deleteAll(String tenantId, String user) {
        return mongo.remove(mine(tenantId, user), COLLECTION).getDeletedCount();
    }

    void setCount(String tenantId, String user, String tag, long count) {
        mongo.updateFirst(named(tenantId, user, tag), new Update().set("count", count), COLLECTION);
    }

    /** The one place a stored tag becomes a {@link Tag}. */
    private static Tag tag(Document stored) {
        Number count = stored.get("count", Number.class);
        return new Tag(stored.getObjectId("_id").toHexString(), stored.getString("user"), stored.getString("tag"),
                stored.getString("description"), count == null ? 0 : count.longValue(), stored.getInteger("position", 0),
                instant(stored.getDate("createdAt")), instant(stored.getDate("updatedAt")));
    }

    private static Instant instant(@Nullable Date date) {
        return date == null ? Instant.EPOCH : date.toInstant();
    }

    private static Query mine(String tenantId, String user) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user));
    }

    private static Query named(String tenantId, String user, String tag) {
        return mine(tenantId, user).addCriteria(Criteria.where("tag").is(tag));
    }
}
