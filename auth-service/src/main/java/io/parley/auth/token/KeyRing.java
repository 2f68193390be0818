package io.parley.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.parley.auth.AuthProperties;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The signing keys: the newest signs, all that may still have signed a valid token are published.
 * A key older than {@code keyRotation} is replaced by a new one; the old one stays published for a
 * refresh token's lifetime, then is deleted. Instances share keys through the database and reload
 * them when a token names a key they do not know.
 */
@Component
public class KeyRing implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);
    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(2);

    private final MongoTemplate mongo;
    private final AuthProperties properties;
    private final Clock clock;
    /** Newest first. */
    private volatile List<Loaded> keys = List.of();
    private volatile Instant loadedAt = Instant.EPOCH;

    @Autowired
    KeyRing(MongoTemplate mongo, AuthProperties properties) {
        this(mongo, properties, Clock.systemUTC());
    }

    KeyRing(MongoTemplate mongo, AuthProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
        reload();
        if (keys.isEmpty()) {
            rotate();
        }
    }

    /** The key that signs new tokens. */
    ECKey signingKey() {
        return keys.getFirst().key();
    }

    /** The public keys that verify tokens, newest first, as a JWK Set document. */
    public String publicJwkSetJson() {
        return new JWKSet(keys.stream().map(k -> (JWK) k.key().toPublicJWK()).toList()).toString(true);
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> found = selector.select(jwkSet());
        if (found.isEmpty() && Duration.between(loadedAt, clock.instant()).compareTo(RELOAD_AT_MOST_EVERY) > 0) {
            reload();
            found = selector.select(jwkSet());
        }
        return found.stream().map(JWK::toPublicJWK).toList();
    }

    /** Makes a new signing key; the others stay published. */
    public synchronized ECKey rotate() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyID(UUID.randomUUID().toString()).generate();
            mongo.insert(new SigningKey(key.getKeyID(), key.toJSONString(), clock.instant()));
            log.info("New signing key kid={}", key.getKeyID());
            reload();
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a signing key", e);
        }
    }

    /** Hourly: rotate an old key, forget keys no valid token can have been signed with. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    void maintain() {
        reload();
        Instant now = clock.instant();
        if (keys.isEmpty() || keys.getFirst().createdAt().plus(properties.keyRotation()).isBefore(now)) {
            rotate();
        }
        // A key stops signing when the next one is made; tokens it signed live at most a session.
        Instant retiredBefore = now.minus(properties.keyRotation()).minus(properties.refreshTokenExpiry())
                .minus(properties.sessionExpiry());
        mongo.remove(Query.query(Criteria.where("createdAt").lt(retiredBefore)), SigningKey.class);
        reload();
    }

    private synchronized void reload() {
        List<SigningKey> stored = mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "createdAt")), SigningKey.class);
        keys = stored.stream().map(KeyRing::parse).toList();
        loadedAt = clock.instant();
    }

    private JWKSet jwkSet() {
        return new JWKSet(keys.stream().map(k -> (JWK) k.key()).toList());
    }

    private record Loaded(ECKey key, Instant createdAt) {
    }

    private static Loaded parse(SigningKey stored) {
        try {
            return new Loaded(ECKey.parse(stored.jwk()), stored.createdAt());
        } catch (ParseException e) {
            throw new IllegalStateException("Stored signing key " + stored.id() + " is not a valid EC JWK", e);
        }
    }
}
