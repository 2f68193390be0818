package io.parley.auth.register;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
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
 * The {@code invitations} collection. Using one is a single {@code findAndModify} on hash, tenant,
 * address, expiry and "unused", so of two racing registrations exactly one gets it. No transactions.
 */
@Repository
class InvitationStore implements InitializingBean {

    /** Longer input is no token of ours; not worth hashing. */
    private static final int MAX_TOKEN_LENGTH = 200;

    private final MongoTemplate mongo;

    InvitationStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(Invitation.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("email", Sort.Direction.ASC).named("tenant_email"));
        mongo.indexOps(Invitation.class).createIndex(new Index().on("expiresAt", Sort.Direction.ASC)
                .expire(Duration.ZERO).named("expires"));
    }

    /** Stores an invitation for {@code email}, replacing earlier ones for it: only the newest link works. */
    void replace(String tenantId, String email, String token, Duration lifetime) {
        mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("email").is(email)), Invitation.class);
        Instant now = Instant.now();
        mongo.insert(new Invitation(hash(token), tenantId, email, now, now.plus(lifetime), null));
    }

    /** @return whether the token was an unused, unexpired invitation of this address, now used */
    boolean use(String tenantId, String token, String email) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return false;
        }
        Instant now = Instant.now();
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(hash(token)).and("tenantId").is(tenantId)
                        .and("email").is(email).and("usedAt").isNull().and("expiresAt").gt(now)),
                new Update().set("usedAt", now), FindAndModifyOptions.options().returnNew(false), Invitation.class) != null;
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
