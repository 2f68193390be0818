package io.parley.auth.graphtoken;

import io.parley.auth.SignInProperties;
import io.parley.auth.identityprovider.ProviderTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The openid_session_tokens collection: provider tokens per login session, sealed with a key derived
 * from {@code OPENID_SESSION_SECRET} and bound to (tenant, session, user).
 */
@Repository
class OpenIdTokenStore implements InitializingBean {

    private final MongoTemplate mongo;
    private final String secret;
    private final Clock clock = Clock.systemUTC();
    private volatile TokenCipher cipher;

    OpenIdTokenStore(MongoTemplate mongo, SignInProperties signIn) {
        this.mongo = mongo;
        this.secret = signIn.openid().sessionSecret();
    }

    @Override
    public void afterPropertiesSet() {
        // Clean-up only (real MongoDB); the session's end is checked on every read.
        mongo.indexOps(OpenIdSessionTokens.class).createIndex(new Index().on("expiresAt", Sort.Direction.ASC)
                .expire(Duration.ZERO).named("expires"));
    }

    void save(String tenantId, String sessionId, String userId, ProviderTokens tokens, Instant sessionEnds) {
        String binding = binding(tenantId, sessionId, userId);
        mongo.save(new OpenIdSessionTokens(sessionId, tenantId, userId, cipher().encrypt(tokens.accessToken(), binding),
                tokens.refreshToken() == null ? null : cipher().encrypt(tokens.refreshToken(), binding),
                tokens.expiresAt(), sessionEnds));
    }

    /** The tokens of this session of this user; empty when it did not come from OpenID, has ended or cannot be read. */
    Optional<ProviderTokens> find(String tenantId, String sessionId, String userId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        OpenIdSessionTokens found = mongo.findOne(Query.query(Criteria.where("_id").is(sessionId)
                .and("tenantId").is(tenantId).and("userId").is(userId)), OpenIdSessionTokens.class);
        if (found == null || !found.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        String binding = binding(tenantId, sessionId, userId);
        try {
            return Optional.of(new ProviderTokens(cipher().decrypt(found.accessToken(), binding),
                    found.refreshToken() == null ? null : cipher().decrypt(found.refreshToken(), binding),
                    found.accessTokenExpiresAt()));
        } catch (IllegalArgumentException e) {
            // OPENID_SESSION_SECRET changed since: the person signs in with OpenID again.
            return Optional.empty();
        }
    }

    /** Replaces the tokens after a refresh, keeping the session's end. */
    void replace(String tenantId, String sessionId, String userId, ProviderTokens tokens) {
        String binding = binding(tenantId, sessionId, userId);
        Update update = new Update().set("accessToken", cipher().encrypt(tokens.accessToken(), binding))
                .set("accessTokenExpiresAt", tokens.expiresAt());
        if (tokens.refreshToken() != null) {
            update.set("refreshToken", cipher().encrypt(tokens.refreshToken(), binding));
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(sessionId).and("tenantId").is(tenantId)
                .and("userId").is(userId)), update, OpenIdSessionTokens.class);
    }

    private static String binding(String tenantId, String sessionId, String userId) {
        return tenantId + "/" + sessionId + "/" + userId;
    }

    /** Made on first use: without OpenID configured there is no secret, and nothing is ever stored. */
    private TokenCipher cipher() {
        TokenCipher current = cipher;
        if (current == null) {
            current = new TokenCipher(secret);
            cipher = current;
        }
        return current;
    }
}
