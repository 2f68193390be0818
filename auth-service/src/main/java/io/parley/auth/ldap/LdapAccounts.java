package io.parley.auth.ldap;

import io.parley.auth.user.TenantFounders;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The account of a directory person: created at the first sign-in (provider {@code ldap}, no
 * password, e-mail verified, ADMIN when it is the tenant's first account), and given the
 * directory's current name, username and e-mail at every later one. No transaction: the identity
 * is linked first, then the user is stored under the linked id, so a racing or interrupted first
 * sign-in is completed by the next one.
 */
@Component
@Conditional(LdapConfigured.class)
class LdapAccounts {

    static final String EMAIL_TAKEN = "Another account already uses this e-mail address.";

    private static final Logger log = LoggerFactory.getLogger(LdapAccounts.class);

    private final Users users;
    private final LdapIdentities identities;
    private final TenantFounders founders;

    LdapAccounts(Users users, LdapIdentities identities, TenantFounders founders) {
        this.users = users;
        this.identities = identities;
        this.founders = founders;
    }

    /** @throws ApiException.Conflict when another account of the tenant holds the directory's e-mail */
    User accountOf(String tenantId, DirectoryProfile profile) {
        LdapIdentity identity = identities.find(tenantId, profile.ldapId())
                .orElseGet(() -> identities.link(tenantId, profile.ldapId(), new ObjectId()));
        User user = users.byId(tenantId, identity.userId()).orElse(null);
        return user == null ? create(tenantId, new ObjectId(identity.userId()), profile) : update(user, profile);
    }

    private User create(String tenantId, ObjectId id, DirectoryProfile profile) {
        String role = founders.claim(tenantId, id) ? User.ADMIN : User.USER;
        Instant now = Instant.now();
        User user = new User(id, tenantId, profile.name(), profile.username(), profile.email(), true, null, null, "ldap",
                role, List.of(), false, false, List.of(), now, now);
        if (users.insert(user)) {
            log.info("LDAP account created tenant_id={} user_id={} role={}", tenantId, id.toHexString(), role);
            return user;
        }
        // Either a racing first sign-in stored this very account, or the e-mail belongs to another one.
        return users.byId(tenantId, id.toHexString()).orElseThrow(() -> emailTaken(tenantId, id));
    }

    private User update(User user, DirectoryProfile profile) {
        if (profile.name().equals(user.name()) && profile.username().equals(user.username())
                && profile.email().equals(user.email())) {
            return user;
        }
        try {
            return users.replaceDirectoryProfile(user.tenantId(), user.id(), profile.name(), profile.username(),
                    profile.email()).orElse(user);
        } catch (DuplicateKeyException e) {
            throw emailTaken(user.tenantId(), user.id());
        }
    }

    private static ApiException emailTaken(String tenantId, ObjectId id) {
        log.warn("LDAP sign-in refused, e-mail held by another account tenant_id={} user_id={}", tenantId,
                id.toHexString());
        return new ApiException.Conflict(EMAIL_TAKEN);
    }
}
