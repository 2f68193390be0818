package io.parley.auth.admin;

import io.parley.auth.capability.Capability;
import io.parley.auth.capability.Capabilities;
import io.parley.auth.balance.BalanceRecords;
import io.parley.auth.balance.CreditAdjustments;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import io.parley.common.redis.BanProperties;
import io.parley.common.redis.Violations;
import io.parley.auth.audit.AuditAction;
import io.parley.auth.audit.AuditEvent;
import io.parley.auth.audit.AuditTrail;
import io.parley.common.security.CurrentUser;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What a tenant's ADMIN does to its users: list them, ban and unban them, and list, set, add or take credits.
 * Every call checks the role first and stays inside the caller's tenant: a user of another tenant
 * is not found.
 */
@Service
class AdminUsers {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;
    static final int MAX_SEARCH = 200;
    static final int MAX_REQUEST_ID = 100;
    /** The longest ban an admin may set. */
    static final Duration MAX_BAN = Duration.ofDays(3650);

    private static final Logger log = LoggerFactory.getLogger(AdminUsers.class);

    private final Users users;
    private final AuditTrail audit;
    private final Capabilities capabilities;
    private final Violations violations;
    private final BanProperties bans;
    private final CreditAdjustments credits;
    private final BalanceRecords balanceRecords;
    private final Clock clock = Clock.systemUTC();

    AdminUsers(Users users, Violations violations, BanProperties bans, CreditAdjustments credits,
               BalanceRecords balanceRecords, AuditTrail audit, Capabilities capabilities) {
        this.audit = audit;
        this.capabilities = capabilities;
        this.users = users;
        this.violations = violations;
        this.bans = bans;
        this.credits = credits;
        this.balanceRecords = balanceRecords;
    }

    /** @param nextCursor null on the last page */
    record Page(List<UserSummary> users, String nextCursor) {
    }

    /**
     * @param limit  "1" to "100"; null for {@value #DEFAULT_LIMIT}
     * @param cursor the {@code nextCursor} of the previous page; null for the first
     * @param email  an exact address: the page holds that user or no one (the admin commands find people
     *               by it); null to page through everyone
     */
    Page list(CurrentUser caller, String search, String limit, String cursor, String email) {
        capabilities.require(caller, Capability.READ_USERS);
        if (email != null && !email.isBlank()) {
            return new Page(users.byEmail(caller.tenantId(), email.trim().toLowerCase(Locale.ROOT))
                    .map(UserSummary::of).stream().toList(), null);
        }
        UserPage page = page(caller, search, limit, cursor);
        return new Page(page.users().stream().map(UserSummary::of).toList(), page.nextCursor());
    }

    /** The tenant's users with their credits; {@code tokenCredits} null for one without a balance record yet. */
    record BalancePage(List<UserBalance> balances, String nextCursor) {
    }

    record UserBalance(String id, String name, String email, Long tokenCredits) {
    }

    /** LibreChat's {@code list-balances}, a page at a time, checked as {@link #list}. */
    BalancePage balances(CurrentUser caller, String limit, String cursor) {
        capabilities.require(caller, Capability.READ_USERS);
        UserPage page = page(caller, null, limit, cursor);
        Map<ObjectId, Double> credits = balanceRecords.credits(caller.tenantId(),
                page.users().stream().map(User::id).toList());
        return new BalancePage(page.users().stream().map(u -> new UserBalance(u.idString(), u.name(), u.email(),
                credits.containsKey(u.id()) ? (long) Math.floor(credits.get(u.id())) : null)).toList(), page.nextCursor());
    }

    private record UserPage(List<User> users, String nextCursor) {
    }

    private UserPage page(CurrentUser caller, String search, String limit, String cursor) {
        int size = limit(limit);
        ObjectId after = null;
        if (cursor != null && !cursor.isEmpty()) {
            if (!ObjectId.isValid(cursor)) {
                throw ApiException.Invalid.field("cursor", "is not a cursor from this list");
            }
            after = new ObjectId(cursor);
        }
        String prefix = search == null || search.isBlank() ? null : search.trim();
        if (prefix != null && prefix.length() > MAX_SEARCH) {
            throw ApiException.Invalid.field("search", "must be at most " + MAX_SEARCH + " characters");
        }
        // One more than asked: whether a next page exists without a second query.
        List<User> found = users.page(caller.tenantId(), prefix, after, size + 1);
        List<User> shown = found.size() > size ? found.subList(0, size) : found;
        return new UserPage(shown, found.size() > size ? shown.getLast().idString() : null);
    }

    /**
     * @param durationMs null for {@code parley.bans.duration}
     * @return when the ban ends
     * @throws ApiException.Conflict when bans are disabled: nothing would enforce it
     */
    Instant ban(CurrentUser caller, String userId, Long durationMs) {
        capabilities.require(caller, Capability.MANAGE_USERS);
        if (!bans.enabled()) {
            throw new ApiException.Conflict("Bans are disabled (parley.bans.enabled)");
        }
        Duration duration = durationMs == null ? bans.duration() : Duration.ofMillis(durationMs);
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_BAN) > 0) {
            throw ApiException.Invalid.field("durationMs", "must be 1 to " + MAX_BAN.toMillis() + " milliseconds");
        }
        User user = user(caller, userId);
        requireRankOver(caller, user);
        Instant until = clock.instant().plus(duration);
        violations.ban(caller.tenantId(), user.idString(), duration).toCompletableFuture().join();
        log.info("User banned tenant_id={} user_id={} until={} by user_id={}", caller.tenantId(), user.idString(),
                until, caller.id());
        audit.record(done(caller, AuditAction.USER_BANNED, user).with("until", until.toString())
                .with("durationMs", duration.toMillis()));
        return until;
    }

    void unban(CurrentUser caller, String userId) {
        capabilities.require(caller, Capability.MANAGE_USERS);
        User user = user(caller, userId);
        requireRankOver(caller, user);
        violations.unban(caller.tenantId(), user.idString()).toCompletableFuture().join();
        log.info("User unbanned tenant_id={} user_id={} by user_id={}", caller.tenantId(), user.idString(),
                caller.id());
        audit.record(done(caller, AuditAction.USER_UNBANNED, user));
    }

    /**
     * Sets the balance outright (LibreChat's {@code set-balance}).
     *
     * @return the balance afterwards
     */
    long setCredits(CurrentUser caller, String userId, BigDecimal tokenCredits) {
        capabilities.require(caller, Capability.MANAGE_USERS);
        if (tokenCredits == null || tokenCredits.signum() < 0 || tokenCredits.stripTrailingZeros().scale() > 0
                || tokenCredits.compareTo(BigDecimal.valueOf(CreditAdjustments.MAX_AMOUNT)) > 0) {
            throw ApiException.Invalid.field("tokenCredits",
                    "must be a whole number of credits from 0 to " + CreditAdjustments.MAX_AMOUNT);
        }
        User user = user(caller, userId);
        long after = credits.set(caller.tenantId(), user.idString(), tokenCredits.longValueExact());
        audit.record(done(caller, AuditAction.USER_BALANCE_SET, user).with("tokenCredits", after));
        return after;
    }

    /** @return the balance afterwards, rounded down */
    long addCredits(CurrentUser caller, String userId, BigDecimal amount, String requestId) {
        capabilities.require(caller, Capability.MANAGE_USERS);
        long valid = amount(amount);
        String validRequestId = requestId(requestId);
        User user = user(caller, userId);
        long after = credits.add(caller.tenantId(), user.idString(), valid, validRequestId);
        audit.record(done(caller, AuditAction.USER_BALANCE_ADDED, user).with("amount", valid)
                .with("tokenCredits", after).with("requestId", validRequestId));
        return after;
    }

    /**
     * @param userId null for the caller
     * @return the balance afterwards, rounded down; never below zero
     */
    long deductCredits(CurrentUser caller, String userId, BigDecimal amount, String requestId) {
        capabilities.require(caller, Capability.MANAGE_USERS);
        long valid = amount(amount);
        String validRequestId = requestId(requestId);
        String target = userId == null ? caller.id() : userId;
        return credits.deduct(caller.tenantId(), user(caller, target).idString(), valid, validRequestId);
    }

    /** The tenant's user {@code userId}; 404 for an unknown, malformed or other tenant's id. */
    User user(CurrentUser caller, String userId) {
        return users.byId(caller.tenantId(), userId).orElseThrow(() -> new ApiException.NotFound("User not found"));
    }

    private static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.Invalid.field("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static long amount(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 0
                || amount.compareTo(BigDecimal.valueOf(CreditAdjustments.MAX_AMOUNT)) > 0) {
            throw ApiException.Invalid.field("amount",
                    "must be a whole number of credits from 1 to " + CreditAdjustments.MAX_AMOUNT);
        }
        return amount.longValueExact();
    }

    private static String requestId(String requestId) {
        if (requestId == null || requestId.isBlank() || requestId.length() > MAX_REQUEST_ID) {
            throw ApiException.Invalid.field("requestId", "must be 1 to " + MAX_REQUEST_ID + " characters");
        }
        return requestId;
    }

    /** 403 for anyone but an ADMIN of the tenant (an operator's token is one). */
    /** An admin's action on a person, for the audit log. */
    static AuditEvent done(CurrentUser caller, AuditAction action, User user) {
        return AuditEvent.success(caller.tenantId(), action, AuditTrail.actor(caller),
                AuditEvent.Target.user(user.idString(), user.handle()));
    }

    void require(CurrentUser caller, String capability) {
        capabilities.require(caller, capability);
    }

    /**
     * An ADMIN is banned, reset or deleted only by an ADMIN: a delegated user manager ({@code manage:users}) cannot
     * lock the tenant's admins out.
     */
    static void requireRankOver(CurrentUser caller, User user) {
        if (User.ADMIN.equals(user.role()) && !caller.isAdmin()) {
            throw new ApiException.Forbidden("Only an ADMIN may do this to an ADMIN");
        }
    }
}
