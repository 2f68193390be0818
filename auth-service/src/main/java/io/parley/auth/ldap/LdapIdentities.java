package io.parley.auth.ldap;

import java.time.Instant;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.context.annotation.Conditional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** The ldap_identities collection. */
@Repository
@Conditional(LdapConfigured.class)
class LdapIdentities {

    private final MongoTemplate mongo;

    LdapIdentities(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<LdapIdentity> find(String tenantId, String ldapId) {
        return Optional.ofNullable(mongo.findById(LdapIdentity.key(tenantId, ldapId), LdapIdentity.class));
    }

    /** Links the person to {@code userId}, unless a racing first sign-in linked another id first: that one is returned. */
    LdapIdentity link(String tenantId, String ldapId, ObjectId userId) {
        LdapIdentity identity = new LdapIdentity(LdapIdentity.key(tenantId, ldapId), tenantId, ldapId,
                userId.toHexString(), Instant.now());
        try {
            return mongo.insert(identity);
        } catch (DuplicateKeyException e) {
            return find(tenantId, ldapId).orElseThrow(() -> e);
        }
    }
}
