package io.parley.file.files;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * {@code files}: one record per stored file; every query names the tenant. A record's text (up to a
 * million characters) is read only by {@link #text}: every other read leaves it out.
 */
@Repository
class FileStore implements InitializingBean {

    static final String COLLECTION = "files";
    /** A list answers at most this many files (LibreChat's has no bound). */
    static final int MAX_LIST = 10_000;

    private final MongoTemplate mongo;

    FileStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("file_id", Sort.Direction.ASC)
                .unique().named("tenant_file_id"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("user", Sort.Direction.ASC)
                .on("updatedAt", Sort.Direction.DESC).named("tenant_user_updated"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("expiresAt", Sort.Direction.ASC).sparse().named("expires"));
    }

    void insert(StoredFile file) {
        mongo.insert(file.toDocument(), COLLECTION);
    }

    /** The file with this id in the tenant, whoever owns it; null when there is none. */
    StoredFile find(String tenantId, String fileId) {
        Document d = mongo.findOne(withoutText(Query.query(Criteria.where("tenantId").is(tenantId).and("file_id").is(fileId))),
                Document.class, COLLECTION);
        return d == null ? null : StoredFile.from(d);
    }

    List<StoredFile> findAll(String tenantId, Collection<String> fileIds) {
        return mongo.find(withoutText(Query.query(Criteria.where("tenantId").is(tenantId).and("file_id").in(fileIds))),
                Document.class, COLLECTION).stream().map(StoredFile::from).toList();
    }

    /** The text of the file uploaded as text; null for another file or an unknown id. */
    String text(String tenantId, String fileId) {
        Query query = Query.query(Criteria.where("tenantId").is(tenantId).and("file_id").is(fileId));
        query.fields().include("text");
        Document d = mongo.findOne(query, Document.class, COLLECTION);
        return d == null ? null : d.getString("text");
    }

    /** The person's files, newest first, without expired temporary uploads. */
    List<StoredFile> ofUser(String tenantId, String user) {
        Query query = withoutText(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user))
                .with(Sort.by(Sort.Direction.DESC, "updatedAt")).limit(MAX_LIST));
        Instant now = Instant.now();
        return mongo.find(query, Document.class, COLLECTION).stream().map(StoredFile::from).filter(f -> !f.expired(now))
                .toList();
    }

    /** Temporary uploads expired at {@code now}, of every tenant, oldest first. */
    List<StoredFile> expired(Instant now, int limit) {
        Query query = withoutText(Query.query(Criteria.where("expiresAt").lte(Date.from(now)))
                .with(Sort.by(Sort.Direction.ASC, "expiresAt")).limit(limit));
        return mongo.find(query, Document.class, COLLECTION).stream().map(StoredFile::from).toList();
    }

    /**
     * A message uses these files: usage grows by one, and a temporary upload no longer expires. A file
     * that expired meanwhile is not touched (its expiry is part of the filter).
     *
     * @return how many files were updated
     */
    long attach(String tenantId, Collection<String> fileIds, Instant now) {
        Criteria notExpired = new Criteria().orOperator(Criteria.where("expiresAt").exists(false),
                Criteria.where("expiresAt").gt(Date.from(now)));
        Query query = Query.query(Criteria.where("tenantId").is(tenantId).and("file_id").in(fileIds)).addCriteria(notExpired);
        return mongo.updateMulti(query, new Update().inc("usage", 1).unset("expiresAt").set("updatedAt", Date.from(now)),
                COLLECTION).getModifiedCount();
    }

    /** Every file of the person, for erasure (no bound). */
    List<StoredFile> allOfUser(String tenantId, String user) {
        return mongo.find(withoutText(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user))),
                Document.class, COLLECTION).stream().map(StoredFile::from).toList();
    }

    /** Removes one record, only when it is the owner's. */
    boolean delete(String tenantId, String user, String fileId) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user).and("file_id").is(fileId)),
                COLLECTION).getDeletedCount() > 0;
    }

    private static Query withoutText(Query query) {
        query.fields().exclude("text");
        return query;
    }
}
