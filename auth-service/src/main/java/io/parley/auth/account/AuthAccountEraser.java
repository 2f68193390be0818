package io.parley.auth.account;

import io.parley.auth.access.Access;
import io.parley.auth.balance.BalanceStore;
import io.parley.auth.balance.HoldStore;
import io.parley.auth.balance.TransactionStore;
import io.parley.auth.email.AccountTokenStore;
import io.parley.auth.group.GroupStore;
import io.parley.auth.login.SessionStore;
import io.parley.auth.twofa.TwoFactor;
import io.parley.auth.user.TenantFounders;
import io.parley.auth.user.UserStore;
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

    private final SessionStore sessions;
    private final HoldStore holds;
    private final TransactionStore transactions;
    private final BalanceStore balances;
    private final GroupStore groups;
    private final TenantFounders founders;
    private final UserStore users;
    private final Access access;
    private final AccountTokenStore accountTokens;
    private final TwoFactor twoFactor;

    AuthAccountEraser(SessionStore sessions, HoldStore holds, TransactionStore transactions, BalanceStore balances,
                      GroupStore groups, TenantFounders founders, UserStore users, Access access,
                      AccountTokenStore accountTokens, TwoFactor twoFactor) {
        this.sessions = sessions;
        this.holds = holds;
        this.transactions = transactions;
        this.balances = balances;
        this.groups = groups;
        this.founders = founders;
        this.users = users;
        this.access = access;
        this.accountTokens = accountTokens;
        this.twoFactor = twoFactor;
    }

    @Override
    public void erase(String tenantId, String userId) {
        long sessionCount = sessions.deleteAll(tenantId, userId);
        // Balances reference the user as an ObjectId (LibreChat's shape); any other id has none.
        if (ObjectId.isValid(userId)) {
            ObjectId user = new ObjectId(userId);
            holds.deleteAll(tenantId, user);
            transactions.deleteAll(tenantId, user);
            balances.deleteAll(tenantId, user);
        }
        long groupCount = groups.removeMemberEverywhere(tenantId, userId, Instant.now());
        access.forgetUser(tenantId, userId);
        accountTokens.deleteAllOf(tenantId, userId);
        twoFactor.forget(tenantId, userId);
        founders.deleteAll(tenantId, userId);
        boolean userDeleted = users.delete(tenantId, userId);
        log.info("Auth data erased tenant_id={} user_id={} sessions={} groups={} user_document={}", tenantId, userId,
                sessionCount, groupCount, userDeleted);
    }
}
