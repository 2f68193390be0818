package io.parley.auth.account;

import io.parley.auth.access.Access;
import io.parley.auth.balance.BalanceRecords;
import io.parley.auth.email.EmailLinks;
import io.parley.auth.group.Groups;
import io.parley.auth.login.SessionRevocation;
import io.parley.auth.twofa.TwoFactor;
import io.parley.auth.user.TenantFounders;
import io.parley.auth.user.Users;
import io.parley.common.events.AccountDataEraser;
import java.time.Instant;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What auth-service keeps about a person: login sessions, balance holds, transactions, the balance
 * record, group memberships, the ACL entries naming them, their e-mail links, their two-factor secret, the tenant-founder record and the user document. The user document goes
 * last, so that while anything else is left the account still exists and its deletion can be asked
 * for again. Running it twice changes nothing the second time.
 */
@Component
class AuthAccountEraser implements AccountDataEraser {

    private static final Logger log = LoggerFactory.getLogger(AuthAccountEraser.class);

    private final SessionRevocation sessions;
    private final BalanceRecords balances;
    private final Groups groups;
    private final TenantFounders founders;
    private final Users users;
    private final Access access;
    private final EmailLinks emailLinks;
    private final TwoFactor twoFactor;

    AuthAccountEraser(SessionRevocation sessions, BalanceRecords balances, Groups groups, TenantFounders founders,
                      Users users, Access access, EmailLinks emailLinks, TwoFactor twoFactor) {
        this.sessions = sessions;
        this.balances = balances;
        this.groups = groups;
        this.founders = founders;
        this.users = users;
        this.access = access;
        this.emailLinks = emailLinks;
        this.twoFactor = twoFactor;
    }

    @Override
    public void erase(String tenantId, String userId) {
        long sessionCount = sessions.deleteAllOf(tenantId, userId);
        // Balances reference the user as an ObjectId (LibreChat's shape); any other id has none.
        if (ObjectId.isValid(userId)) {
            balances.deleteAllOf(tenantId, new ObjectId(userId));
        }
        long groupCount = groups.removeMemberEverywhere(tenantId, userId, Instant.now());
        access.forgetUser(tenantId, userId);
        emailLinks.deleteAllOf(tenantId, userId);
        twoFactor.forget(tenantId, userId);
        founders.deleteAll(tenantId, userId);
        boolean userDeleted = users.delete(tenantId, userId);
        log.info("Auth data erased tenant_id={} user_id={} sessions={} groups={} user_document={}", tenantId, userId,
                sessionCount, groupCount, userDeleted);
    }
}
