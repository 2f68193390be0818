package io.parley.auth.ldap;

import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The directory link of a person brought in from LibreChat (its {@code ldapId}), so that their next directory
 * sign-in reaches the imported account. Whether or not LDAP is configured now: an installation may turn it on
 * after the import.
 */
@Component
public class LdapImportedLinks {

    private final MongoTemplate mongo;

    LdapImportedLinks(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @return false when the directory person is linked to another account of the tenant (nothing is written) */
    public boolean link(String tenantId, String ldapId, String userId) {
        try {
            mongo.insert(new LdapIdentity(LdapIdentity.key(tenantId, ldapId), tenantId, ldapId, userId, Instant.now()));
            return true;
        } catch (DuplicateKeyException e) {
            LdapIdentity existing = mongo.findById(LdapIdentity.key(tenantId, ldapId), LdapIdentity.class);
            return existing != null && existing.userId().equals(userId);
        }
    }

    /** Takes back a link {@link #link} made, when the person could not be stored after all. */
    public void unlink(String tenantId, String ldapId, String userId) {
        mongo.remove(Query.query(Criteria.where("_id").is(LdapIdentity.key(tenantId, ldapId)).and("userId").is(userId)),
                LdapIdentity.class);
    }
}
