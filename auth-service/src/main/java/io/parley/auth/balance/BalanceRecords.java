package io.parley.auth.balance;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/** A person's holds, transactions and balance record taken together, as account deletion removes them and admins list them. */
@Component
public class BalanceRecords {

    private final HoldStore holds;
    private final TransactionStore transactions;
    private final BalanceStore balances;

    BalanceRecords(HoldStore holds, TransactionStore transactions, BalanceStore balances) {
        this.holds = holds;
        this.transactions = transactions;
        this.balances = balances;
    }

    /**
     * The credits of those of {@code users} that have a balance record (an admin's list of balances);
     * a user without one is missing from the map.
     */
    public Map<ObjectId, Double> credits(String tenantId, Collection<ObjectId> users) {
        Map<ObjectId, Double> credits = new HashMap<>();
        balances.findAll(tenantId, users).forEach(account -> credits.put(account.user(), account.credits()));
        return credits;
    }

    /** Holds first, so a turn still running cannot settle afterwards; the balance record last. */
    public void deleteAllOf(String tenantId, ObjectId user) {
        holds.deleteAll(tenantId, user);
        transactions.deleteAll(tenantId, user);
        balances.deleteAll(tenantId, user);
    }
}
