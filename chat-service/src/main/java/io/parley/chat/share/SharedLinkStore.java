package io.parley.chat.share;

import io.parley.chat.support.PageRequest;
import io.parley.common.paging.Keyset;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * LibreChat's {@code sharedlinks} collection, with the message ids of the snapshot where LibreChat keeps
 * references to message documents. A share id is unique within its tenant; a person has one link per
 * conversation and target (none counting as one), which a unique index holds against concurrent creates.
 */
@Repository
class SharedLinkStore implements InitializingBean {

    static final String COLLECTION = "sharedlinks";
    /**
     * Set on links made since sharing went through auth-service's ACL: their owner holds an entry, and
     * {@code isPublic} mirrors the public's entry. Older links have none and keep their stored flag.
     */
    private static final String ACL = "acl";

    private final MongoTemplate mongo;

    SharedLinkStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("shareId", Sort.Direction.ASC)
                .unique().named("tenant_share"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("user", Sort.Direction.ASC)
                .on("conversationId", Sort.Direction.ASC).on("targetMessageId", Sort.Direction.ASC).unique()
                .named("tenant_user_convo_target"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("user", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC).named("tenant_user_created"));
    }

    /** The link of this id in the tenant, whoever shared it (the public read). */
    Optional<SharedLink> find(String tenantId, String shareId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("tenantId").is(tenantId).and("shareId").is(shareId)),
                Document.class, COLLECTION)).map(SharedLinkStore::link);
    }

    Optional<SharedLink> findOwned(String tenantId, String user, String shareId) {
        return Optional.ofNullable(mongo.findOne(owned(tenantId, user, shareId), Document.class, COLLECTION))
                .map(SharedLinkStore::link);
    }

    /** The person's most recently updated link of the conversation. */
    Optional<SharedLink> latest(String tenantId, String user, String conversationId) {
        Query query = ofConversation(tenantId, user, conversationId).with(Sort.by(Sort.Direction.DESC, "updatedAt", "_id")).limit(1);
        return Optional.ofNullable(mongo.findOne(query, Document.class, COLLECTION)).map(SharedLinkStore::link);
    }

    /**
     * Whether a link already stands in the way of a new one: with a target, a link of the same target;
     * without, any link of the conversation (LibreChat's check).
     */
    boolean exists(String tenantId, String user, String conversationId, @Nullable String targetMessageId) {
        Query query = ofConversation(tenantId, user, conversationId);
        if (targetMessageId != null) {
            query.addCriteria(Criteria.where("targetMessageId").is(targetMessageId));
        }
        return mongo.exists(query, COLLECTION);
    }

    /** @throws org.springframework.dao.DuplicateKeyException when a link of the same conversation and target was made meanwhile */
    SharedLink insert(ObjectId id, String tenantId, String user, String conversationId, String title, boolean isPublic,
                      @Nullable String targetMessageId, List<String> messageIds) {
        Date now = new Date();
        Document link = new Document("_id", id).append("tenantId", tenantId).append("user", user).append("conversationId", conversationId)
                .append("shareId", ShareIds.next()).append("title", title).append("isPublic", isPublic)
                .append("targetMessageId", targetMessageId).append("messages", messageIds)
                .append("createdAt", now).append("updatedAt", now).append(ACL, true);
        mongo.insert(link, COLLECTION);
        return link(link);
    }

    /**
     * A new snapshot of the conversation for the same address.
     *
     * @throws org.springframework.dao.DuplicateKeyException when another link of the conversation has that target
     */
    Optional<SharedLink> refresh(String tenantId, String user, String shareId, @Nullable String targetMessageId,
                                 List<String> messageIds) {
        Update update = new Update().set("messages", messageIds).set("targetMessageId", targetMessageId)
                .set("updatedAt", new Date());
        return Optional.ofNullable(mongo.findAndModify(owned(tenantId, user, shareId), update,
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)).map(SharedLinkStore::link);
    }

    Optional<SharedLink> delete(String tenantId, String user, String shareId) {
        return Optional.ofNullable(mongo.findAndRemove(owned(tenantId, user, shareId), Document.class, COLLECTION))
                .map(SharedLinkStore::link);
    }

    /** One page of the person's links, in {@code page}'s order. */
    Listed page(String tenantId, String user, @Nullable Boolean isPublic, @Nullable String titleContains, PageRequest page) {
        Criteria criteria = Criteria.where("tenantId").is(tenantId).and("user").is(user);
        if (isPublic != null) {
            criteria = criteria.and("isPublic").is(isPublic);
        }
        if (titleContains != null) {
            criteria = criteria.and("title").regex(Pattern.compile(Pattern.quote(titleContains), Pattern.CASE_INSENSITIVE));
        }
        Query query = Query.query(criteria);
        page.after().ifPresent(query::addCriteria);
        query.with(page.order().sort()).limit(page.size() + 1);
        Keyset.Page shown = page.order().page(mongo.find(query, Document.class, COLLECTION), page.size());
        return new Listed(shown.items().stream().map(SharedLinkStore::link).toList(), shown.nextCursor());
    }

    /** @param nextCursor null on the last page */
    record Listed(List<SharedLink> links, @Nullable String nextCursor) {
    }

    /** Keeps {@code isPublic} in step with the public's entry, as far as it is known. */
    void setPublic(String tenantId, String id, boolean isPublic) {
        mongo.updateFirst(Query.query(Criteria.where("tenantId").is(tenantId).and("_id").is(new ObjectId(id))
                .and(ACL).is(true).and("isPublic").ne(isPublic)), new Update().set("isPublic", isPublic), COLLECTION);
    }

    /** Keeps {@code isPublic} of the person's links in step with the public's entries: public are those of {@code open}. */
    void syncPublic(String tenantId, String user, Set<String> open) {
        List<ObjectId> ids = open.stream().filter(ObjectId::isValid).map(ObjectId::new).toList();
        Criteria mine = Criteria.where("tenantId").is(tenantId).and("user").is(user).and(ACL).is(true);
        mongo.updateMulti(Query.query(new Criteria().andOperator(mine, Criteria.where("_id").in(ids),
                Criteria.where("isPublic").ne(true))), new Update().set("isPublic", true), COLLECTION);
        mongo.updateMulti(Query.query(new Criteria().andOperator(mine, Criteria.where("_id").nin(ids),
                Criteria.where("isPublic").is(true))), new Update().set("isPublic", false), COLLECTION);
    }

    /** The ids of the links of a conversation (all the person's when {@code conversationId} is null) that have ACL entries. */
    List<String> withEntries(String tenantId, String user, @Nullable String conversationId) {
        Query query = conversationId == null
                ? Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user))
                : ofConversation(tenantId, user, conversationId);
        query.addCriteria(Criteria.where(ACL).is(true));
        query.fields().include("_id");
        return mongo.find(query, Document.class, COLLECTION).stream().map(d -> d.getObjectId("_id").toHexString()).toList();
    }

    long deleteConversation(String tenantId, String user, String conversationId) {
        return mongo.remove(ofConversation(tenantId, user, conversationId), COLLECTION).getDeletedCount();
    }

    long deleteAll(String tenantId, String user) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user)), COLLECTION)
                .getDeletedCount();
    }

    /** The one place a stored link becomes a {@link SharedLink}. */
    private static SharedLink link(Document stored) {
        String title = stored.getString("title");
        return new SharedLink(stored.getObjectId("_id").toHexString(), stored.getString("user"),
                stored.getString("conversationId"), stored.getString("shareId"), title == null ? "Untitled" : title,
                Boolean.TRUE.equals(stored.getBoolean("isPublic")), stored.getString("targetMessageId"),
                stored.getList("messages", String.class, List.of()), instant(stored.getDate("createdAt")),
                instant(stored.getDate("updatedAt")), Boolean.TRUE.equals(stored.getBoolean(ACL)));
    }

    private static Instant instant(@Nullable Date date) {
        return date == null ? Instant.EPOCH : date.toInstant();
    }

    private static Query owned(String tenantId, String user, String shareId) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user).and("shareId").is(shareId));
    }

    private static Query ofConversation(String tenantId, String user, String conversationId) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user).and("conversationId").is(conversationId));
    }
}
