package io.parley.mcp.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The {@code mcp_oauth_tokens} collection: per (tenant, person, server) the sealed {@link Grant}. The id
 * names all of them and the server's scope (the operator's, or a user-managed server's stored id), so
 * that a new server under an old name starts without tokens. Every query names the tenant.
 */
@Repository
class TokenStore {

    private final MongoTemplate mongo;

    TokenStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(Stored.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("userId", Sort.Direction.ASC).named("tenant_user"));
    }

    @Document("mcp_oauth_tokens")
    record Stored(@Id String id, String tenantId, String userId, String serverName, String serverScope, byte[] sealed,
                  Instant updatedAt) {

        static String idOf(String tenantId, String userId, String serverScope, String serverName) {
            return tenantId + "/" + userId + "/" + serverScope + "/" + serverName;
        }
    }

    void put(String tenantId, String userId, String serverScope, String serverName, byte[] sealed) {
        mongo.save(new Stored(Stored.idOf(tenantId, userId, serverScope, serverName), tenantId, userId, serverName, serverScope,
                sealed, Instant.now()));
    }

    Optional<Stored> get(String tenantId, String userId, String serverScope, String serverName) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id")
                .is(Stored.idOf(tenantId, userId, serverScope, serverName)).and("tenantId").is(tenantId)), Stored.class));
    }

    /** Removes and returns in one step, so that one revocation happens. */
    Optional<Stored> take(String tenantId, String userId, String serverScope, String serverName) {
        return Optional.ofNullable(mongo.findAndRemove(Query.query(Criteria.where("_id")
                .is(Stored.idOf(tenantId, userId, serverScope, serverName)).and("tenantId").is(tenantId)), Stored.class));
    }

    List<Stored> ofPerson(String tenantId, String userId) {
        return mongo.find(Query.query(Criteria.where("tenantId").is(tenantId).and("userId").is(userId)), Stored.class);
    }

    List<Stored> ofServer(String tenantId, String serverScope) {
        return mongo.find(Query.query(Criteria.where("tenantId").is(tenantId).and("serverScope").is(serverScope)), Stored.class);
    }

    Optional<Stored> take(Stored stored) {
        return Optional.ofNullable(mongo.findAndRemove(Query.query(Criteria.where("_id").is(stored.id())
                .and("tenantId").is(stored.tenantId())), Stored.class));
    }
}
