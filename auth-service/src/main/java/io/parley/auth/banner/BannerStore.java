package io.parley.auth.banner;

import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The banners collection. Every method takes the tenant; nothing reads across tenants. */
@Repository
class BannerStore implements InitializingBean {

    private final MongoTemplate mongo;

    BannerStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        // Before traffic: the embedded store fails on index creation concurrent with writes.
        mongo.indexOps(Banner.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("displayFrom", Sort.Direction.DESC).named("tenant_display_from"));
    }

    void insert(Banner banner) {
        mongo.insert(banner);
    }

    /**
     * The banner showing at {@code now}: begun ({@code displayFrom <= now}), not yet ended
     * ({@code displayTo} unset or after {@code now}), the latest to begin first.
     *
     * @param signedIn whether banners that are not public may be shown
     */
    Optional<Banner> showing(String tenantId, boolean signedIn, Instant now) {
        Criteria criteria = Criteria.where("tenantId").is(tenantId).and("type").is(Banner.BANNER)
                .and("displayFrom").lte(now)
                .orOperator(Criteria.where("displayTo").is(null), Criteria.where("displayTo").gt(now));
        if (!signedIn) {
            criteria = criteria.and("isPublic").is(true);
        }
        return Optional.ofNullable(mongo.findOne(Query.query(criteria)
                .with(Sort.by(Sort.Direction.DESC, "displayFrom")).limit(1), Banner.class));
    }

    /**
     * Replaces the tenant's banner (LibreChat keeps one record and updates it), or creates it: one
     * {@code findAndModify} on the tenant's latest, an insert when it has none.
     */
    Banner replace(String tenantId, Banner banner) {
        Banner latest = mongo.findOne(Query.query(Criteria.where("tenantId").is(tenantId))
                .with(Sort.by(Sort.Direction.DESC, "displayFrom")).limit(1), Banner.class);
        if (latest == null) {
            return mongo.insert(banner);
        }
        Update update = new Update().set("bannerId", banner.bannerId()).set("message", banner.message())
                .set("displayFrom", banner.displayFrom()).set("displayTo", banner.displayTo()).set("type", banner.type())
                .set("isPublic", banner.isPublic()).set("persistable", banner.persistable());
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(latest.id()).and("tenantId").is(tenantId)),
                update, FindAndModifyOptions.options().returnNew(true), Banner.class);
    }

    /** @return whether the tenant had a banner with this id */
    boolean delete(String tenantId, String bannerId) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("bannerId").is(bannerId)),
                Banner.class).getDeletedCount() > 0;
    }
}
