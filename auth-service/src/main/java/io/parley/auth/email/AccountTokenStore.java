package io.parley.auth.email;

import io.parley.auth.email.AccountToken.Purpose;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
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

/**
 * The {@code account_tokens} collection. A token is 32 random bytes, base64url; it is stored as its
 * SHA-256 only, and used with one {@code findAndModify} that also checks purpose, owner, expiry and
 * that it is unused, so of two racing requests exactly one succeeds. No transactions.
 */
@Repository
class AccountTokenStore implements InitializingBean {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Longer input is no token of ours; not worth hashing. */
    private static final int MAX_TOKEN_LENGTH = 200;

    private final MongoTemplate mongo;

    AccountTokenStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(AccountToken.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("userId", Sort.Direction.ASC).on("purpose", Sort.Direction.ASC).named("tenant_user_purpose"));
        // Clean-up only (real MongoDB); expiry is checked on every use.
        mongo.indexOps(AccountToken.class).createIndex(new Index().on("expiresAt", Sort.Direction.ASC)
                .expire(Duration.ZERO).named("expires"));
    }

    /**
     * A new token for the user, replacing the user's earlier ones of this purpose (as LibreChat's
     * {@code deleteTokens} does: only the newest link works).
     *
     * @return the token itself, to be sent; it is not kept
     */
    String issue(String tenantId, String userId, String email, Purpose purpose, Duration lifetime) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("userId").is(userId)
                .and("purpose").is(purpose)), AccountToken.class);
        Instant now = Instant.now();
        mongo.insert(new AccountToken(hash(token), tenantId, userId, email, purpose, now, now.plus(lifetime), null));
        return token;
    }

    /**
     * Marks the token used if it is the user's, of this purpose, unexpired and unused.
     *
     * @param owner a criterion on the owner, e.g. {@code userId} or {@code email}
     * @return the token as it was before; empty when it cannot be used (unknown, someone else's,
     *         expired or already used)
     */
    Optional<AccountToken> use(String tenantId, Purpose purpose, String token, Criteria owner) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Query query = Query.query(Criteria.where("_id").is(hash(token)).and("tenantId").is(tenantId)
                .and("purpose").is(purpose).and("usedAt").isNull().and("expiresAt").gt(now)).addCriteria(owner);
        return Optional.ofNullable(mongo.findAndModify(query, new Update().set("usedAt", now),
                FindAndModifyOptions.options().returnNew(false), AccountToken.class));
    }

    /** A token that was used before and has not expired yet (a second click on a link); empty otherwise. */
    Optional<AccountToken> used(String tenantId, Purpose purpose, String token, Criteria owner) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(hash(token))
                .and("tenantId").is(tenantId).and("purpose").is(purpose).and("usedAt").ne(null)
                .and("expiresAt").gt(Instant.now())).addCriteria(owner), AccountToken.class));
    }

    /** Account deletion: the person's reset and verification links stop working. */
    long deleteAllOf(String tenantId, String userId) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("userId").is(userId)),
                AccountToken.class).getDeletedCount();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
