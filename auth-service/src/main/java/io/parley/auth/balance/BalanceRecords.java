package io.parley.auth.balance;

import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/** A person's holds, transactions and balance record taken together, as account deletion removes them. */
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

    /** Holds first, so a turn still running cannot settle afterwards; the balance record last. */
    public void deleteAllOf(String tenantId, ObjectId user) {
        holds.deleteAll(tenantId, user);
        transactions.deleteAll(tenantId, user);
        balances.deleteAll(tenantId, user);
    }
}
