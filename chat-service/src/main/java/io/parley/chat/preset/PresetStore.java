package io.parley.chat.preset;

import io.parley.chat.support.TenantUniqueIds;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The presets collection: a {@code presetId} is unique within its tenant, and every query names the user. */
@Repository
public class PresetStore implements InitializingBean {

    static final String COLLECTION = "presets";

    private final MongoTemplate mongo;
    private final TenantUniqueIds ids;

    PresetStore(MongoTemplate mongo) {
        this.mongo = mongo;
        this.ids = new TenantUniqueIds(mongo, COLLECTION, "presetId", Presets.NOT_FOUND);
    }

    @Override
    public void afterPropertiesSet() {
        ids.ensureIndex("tenant_preset", "tenant_user_preset");
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("user", Sort.Direction.ASC)
                .on("order", Sort.Direction.ASC).named("tenant_user_order"));
    }

    /** @throws io.parley.common.error.ApiException.NotFound when another user of the tenant has this preset id */
    void requireNotAnothers(String tenantId, String user, String presetId) {
        ids.requireNotAnothers(tenantId, user, presetId);
    }

    List<Document> all(String tenantId, String user) {
        return mongo.find(mine(tenantId, user).with(Sort.by(Sort.Order.asc("order"), Sort.Order.desc("updatedAt"))),
                Document.class, COLLECTION);
    }

    Optional<Document> find(String tenantId, String user, String presetId) {
        return Optional.ofNullable(mongo.findOne(one(tenantId, user, presetId), Document.class, COLLECTION));
    }

    /**
     * Creates or updates the preset; the update's {@code $setOnInsert} values apply only to a new one.
     *
     * @throws io.parley.common.error.ApiException.NotFound when another user of the tenant has this preset id
     */
    Document upsert(String tenantId, String user, String presetId, Update update) {
        return ids.write(tenantId, user, presetId, () -> mongo.findAndModify(one(tenantId, user, presetId), update,
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION));
    }

    Optional<Document> update(String tenantId, String user, String presetId, Update update) {
        return Optional.ofNullable(mongo.findAndModify(one(tenantId, user, presetId), update,
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION));
    }

    /** Clears the default mark of every preset of the user but {@code except}. */
    void clearDefault(String tenantId, String user, String except) {
        mongo.updateMulti(mine(tenantId, user).addCriteria(Criteria.where("defaultPreset").is(true)
                        .and("presetId").ne(except)),
                new Update().set("defaultPreset", false).set("order", Presets.DEFAULT_ORDER), COLLECTION);
    }

    long delete(String tenantId, String user, String presetId) {
        return mongo.remove(presetId == null ? mine(tenantId, user) : one(tenantId, user, presetId), COLLECTION)
                .getDeletedCount();
    }

    /** Every preset of the user (account deletion). */
    public long deleteAll(String tenantId, String user) {
        return delete(tenantId, user, null);
    }

    private static Query mine(String tenantId, String user) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user));
    }

    private static Query one(String tenantId, String user, String presetId) {
        return mine(tenantId, user).addCriteria(Criteria.where("presetId").is(presetId));
    }
}
