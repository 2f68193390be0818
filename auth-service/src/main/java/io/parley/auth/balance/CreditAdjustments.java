package io.parley.auth.balance;

import io.parley.common.error.ApiException;
import java.time.Clock;
import java.time.Instant;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Credits an admin adds to or takes from a user's balance, each change exactly once per request id:
 * the transaction is written first behind its unique key, and the balance moves only when that write
 * happened. A retry (or a concurrent duplicate) changes nothing and answers the current balance.
 * Should the process die between the two writes, the change is lost rather than doubled, as for
 * {@link TokenAccounting}'s settlements. Works whether or not balance checking is on: a missing
 * record is created with the start balance first.
 */
@Service
public class CreditAdjustments {

    /** The largest single change, in credits. */
    public static final long MAX_AMOUNT = 1_000_000_000_000L;
    static final String ADD_CONTEXT = "admin";
    static final String DEDUCT_CONTEXT = "deduct";

    private static final Logger log = LoggerFactory.getLogger(CreditAdjustments.class);

    private final BalanceStore balances;
    private final TransactionStore transactions;
    private final BalanceProperties config;
    private final Clock clock = Clock.systemUTC();

    CreditAdjustments(BalanceStore balances, TransactionStore transactions, BalanceProperties config) {
        this.balances = balances;
        this.transactions = transactions;
        this.config = config;
    }

    /**
     * Adds {@code amount} credits (1 to {@link #MAX_AMOUNT}) to the user's balance once per
     * {@code requestId} within the tenant.
     *
     * @param userId a user of {@code tenantId} (hex), checked by the caller
     * @return the balance afterwards, rounded down
     * @throws ApiException.Conflict when the request id was already used for another user or amount
     */
    public long add(String tenantId, String userId, long amount, String requestId) {
        return change(tenantId, userId, amount, ADD_CONTEXT, requestId);
    }

    /**
     * Takes {@code amount} credits once per {@code requestId} within the tenant; as LibreChat's
     * {@code updateBalance}, the balance stops at zero.
     *
     * @return the balance afterwards, rounded down
     * @throws ApiException.Conflict when the request id was already used for another user or amount
     */
    public long deduct(String tenantId, String userId, long amount, String requestId) {
        return change(tenantId, userId, -amount, DEDUCT_CONTEXT, requestId);
    }

    /**
     * Sets the user's balance to {@code credits} (0 to {@link #MAX_AMOUNT}), as LibreChat's
     * {@code set-balance}: no transaction is recorded, and setting it again to the same value changes nothing.
     *
     * @param userId a user of {@code tenantId} (hex), checked by the caller
     * @return the balance afterwards
     */
    public long set(String tenantId, String userId, long credits) {
        BalanceAccount account = balances.set(tenantId, new ObjectId(userId), credits, config, clock.instant());
        log.info("Credits set by an admin tenant_id={} user_id={} credits={}", tenantId, userId, credits);
        return roundDown(account.credits());
    }

    private long change(String tenantId, String userId, long credits, String context, String requestId) {
        ObjectId user = new ObjectId(userId);
        Instant now = clock.instant();
        String key = context + "/" + tenantId + "/" + requestId;
        Transaction transaction = new Transaction(null, tenantId, user, null, null, "credits", null, context, null, 1,
                credits, credits, null, key, now);
        if (!transactions.insertOnce(transaction)) {
            Transaction earlier = transactions.byKey(key).orElse(null);
            if (earlier == null || !user.equals(earlier.user()) || earlier.rawAmount() != credits) {
                throw new ApiException.Conflict("requestId was already used for another change");
            }
            log.debug("Credit change already made tenant_id={} user_id={} context={}", tenantId, userId, context);
            return roundDown(balances.find(tenantId, user)
                    .orElseGet(() -> balances.sync(tenantId, user, config, now)).credits());
        }
        BalanceAccount account = balances.add(tenantId, user, credits).orElseGet(() -> {
            balances.sync(tenantId, user, config, now);
            return balances.add(tenantId, user, credits).orElseThrow();
        });
        log.info("Credits changed by an admin tenant_id={} user_id={} context={} amount={}", tenantId, userId, context,
                credits);
        return roundDown(account.credits());
    }

    private static long roundDown(double credits) {
        return (long) Math.floor(credits);
    }
}
