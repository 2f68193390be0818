package io.parley.mcp.server;

import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code mcp_servers}: user-managed servers, {@code {tenantId, serverName, author, config (no headers),
 * headers (sealed JSON), createdAt, updatedAt}}, unique {@code {tenantId, serverName}}. Every query
 * names the tenant.
 */
@Component
class UserServerStore {

    static final String COLLECTION = "mcp_servers";
    /** The most servers one tenant's lists read. */
    static final int MAX_PER_TENANT = 1000;

    private final MongoTemplate mongo;

    UserServerStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("serverName", Sort.Direction.ASC).unique().named("tenant_name"));
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the name is taken in the tenant */
    void insert(Document server) {
        mongo.insert(server, COLLECTION);
    }

    List<Document> inTenant(String tenantId) {
        return mongo.find(Query.query(Criteria.where("tenantId").is(tenantId)).limit(MAX_PER_TENANT), Document.class, COLLECTION);
    }

    boolean nameTaken(String tenantId, String serverName) {
        return mongo.exists(Query.query(Criteria.where("tenantId").is(tenantId).and("serverName").is(serverName)), COLLECTION);
    }

    boolean anyInTenant(String tenantId) {
        return mongo.exists(Query.query(Criteria.where("tenantId").is(tenantId)), COLLECTION);
    }

    void update(String tenantId, ObjectId id, Document config, Binary headers) {
        mongo.updateFirst(Query.query(Criteria.where("tenantId").is(tenantId).and("_id").is(id)),
                new Update().set("config", config).set("headers", headers).set("updatedAt", new Date()), COLLECTION);
    }

    boolean delete(String tenantId, ObjectId id) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("_id").is(id)), COLLECTION)
                .getDeletedCount() > 0;
    }

    List<Document> authoredBy(String tenantId, String userId) {
        return mongo.find(Query.query(Criteria.where("tenantId").is(tenantId).and("author").is(userId)), Document.class, COLLECTION);
    }
}
