package io.parley.chat.preset;

import io.parley.chat.support.ApiDocs;
import io.parley.chat.support.TenantUniqueIds;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
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
 * The presets collection, and the one place a {@link Preset} becomes a document and back: a {@code presetId}
 * is unique within its tenant, and every query names the user.
 */
@Repository
class PresetStore implements InitializingBean {

    static final String COLLECTION = "presets";
    /** LibreChat's sort key of a preset that is not the default (the default's is 0). */
    static final int DEFAULT_ORDER = 10_000;
    static final String NEW_TITLE = "New Chat";
    /** The fields a {@link Preset} has components for; every other stored field is one of its settings. */
    private static final Set<String> OWN = Set.of("_id", "_class", "tenantId", "presetId", "user", "title",
            "defaultPreset", "order", "createdAt", "updatedAt");

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

    /** The user's presets, the default first, then the latest changed. */
    List<Preset> all(String tenantId, String user) {
        return mongo.find(mine(tenantId, user).with(Sort.by(Sort.Order.asc("order"), Sort.Order.desc("updatedAt"))),
                Document.class, COLLECTION).stream().map(PresetStore::preset).toList();
    }

    boolean exists(String tenantId, String user, String presetId) {
        return mongo.exists(one(tenantId, user, presetId), COLLECTION);
    }

    /**
     * Creates or updates the preset.
     *
     * @throws io.parley.common.error.ApiException.NotFound when another user of the tenant has this preset id
     */
    Preset upsert(String tenantId, String user, String presetId, PresetChanges changes) {
        Update update = update(tenantId, user, changes).setOnInsert("presetId", presetId);
        return preset(ids.write(tenantId, user, presetId, () -> mongo.findAndModify(one(tenantId, user, presetId), update,
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION)));
    }

    /** @return empty when the user has no such preset */
    Optional<Preset> update(String tenantId, String user, String presetId, PresetChanges changes) {
        return Optional.ofNullable(mongo.findAndModify(one(tenantId, user, presetId), update(tenantId, user, changes),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)).map(PresetStore::preset);
    }

    /** Clears the default mark of every preset of the user but {@code except}. */
    void clearDefault(String tenantId, String user, String except) {
        mongo.updateMulti(mine(tenantId, user).addCriteria(Criteria.where("defaultPreset").is(true)
                        .and("presetId").ne(except)),
                new Update().set("defaultPreset", false).set("order", DEFAULT_ORDER), COLLECTION);
    }

    /** @param presetId null for every preset of the user */
    long delete(String tenantId, String user, @Nullable String presetId) {
        return mongo.remove(presetId == null ? mine(tenantId, user) : one(tenantId, user, presetId), COLLECTION)
                .getDeletedCount();
    }

    /** Every preset of the user (account deletion). */
    long deleteAll(String tenantId, String user) {
        return delete(tenantId, user, null);
    }

    /** What a write sets; the {@code $setOnInsert} values apply only to a new preset. */
    private static Update update(String tenantId, String user, PresetChanges changes) {
        Update update = new Update();
        changes.settings().forEach(update::set);
        if (changes.titled()) {
            update.set("title", changes.title());
        } else {
            update.setOnInsert("title", NEW_TITLE);
        }
        Boolean makeDefault = changes.defaultPreset();
        if (makeDefault == null) {
            update.setOnInsert("order", DEFAULT_ORDER);
        } else {
            update.set("defaultPreset", makeDefault).set("order", makeDefault ? 0 : DEFAULT_ORDER);
        }
        Date now = new Date();
        return update.set("updatedAt", now).setOnInsert("tenantId", tenantId).setOnInsert("user", user)
                .setOnInsert("createdAt", now);
    }

    private static Preset preset(Document stored) {
        Map<String, @Nullable Object> settings = new LinkedHashMap<>();
        stored.forEach((field, value) -> {
            if (!OWN.contains(field)) {
                settings.put(field, ApiDocs.value(value));
            }
        });
        return new Preset(stored.getObjectId("_id").toHexString(), stored.getString("presetId"), stored.getString("user"),
                stored.getString("title"), stored.getBoolean("defaultPreset", false), stored.getInteger("order"),
                stored.getDate("createdAt").toInstant(), stored.getDate("updatedAt").toInstant(), settings);
    }

    private static Query mine(String tenantId, String user) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user));
    }

    private static Query one(String tenantId, String user, String presetId) {
        return mine(tenantId, user).addCriteria(Criteria.where("presetId").is(presetId));
    }
}
