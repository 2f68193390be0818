package io.parley.mcp.uservar;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The {@code mcp_user_vars} collection: per (tenant, person, server) the sealed values of the server's
 * custom user variables. The id names all three, so setting again replaces the document.
 */
@Repository
class UserVarStore {

    private final MongoTemplate mongo;

    UserVarStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Document("mcp_user_vars")
    record Stored(@Id String id, String tenantId, String userId, String server, byte[] sealed, Instant updatedAt) {

        static String idOf(String tenantId, String userId, String server) {
            return tenantId + "/" + userId + "/" + server;
        }
    }

    void put(String tenantId, String userId, String server, byte[] sealed) {
        mongo.save(new Stored(Stored.idOf(tenantId, userId, server), tenantId, userId, server, sealed, Instant.now()));
    }

    Optional<byte[]> get(String tenantId, String userId, String server) {
        return Optional.ofNullable(mongo.findById(Stored.idOf(tenantId, userId, server), Stored.class)).map(Stored::sealed);
    }

    void delete(String tenantId, String userId, String server) {
        mongo.remove(Query.query(Criteria.where("_id").is(Stored.idOf(tenantId, userId, server))), Stored.class);
    }

    long deleteAllOf(String tenantId, String userId) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("userId").is(userId)), Stored.class)
                .getDeletedCount();
    }
}
