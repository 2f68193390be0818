package io.parley.auth.balance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * LibreChat's {@code GET /api/balance} body: credits and whether auto-refill is on, plus the refill
 * settings only when it is. Whole numbers are written without a fraction, as JavaScript does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BalanceView(Number tokenCredits, boolean autoRefillEnabled, Integer refillIntervalValue,
                   String refillIntervalUnit, Instant lastRefill, Number refillAmount) {

    static BalanceView of(BalanceAccount account) {
        if (!Boolean.TRUE.equals(account.autoRefillEnabled())) {
            return new BalanceView(number(account.credits()), false, null, null, null, null);
        }
        return new BalanceView(number(account.credits()), true, account.refillIntervalValue(),
                account.refillIntervalUnit(), account.lastRefill(),
                account.refillAmount() == null ? null : number(account.refillAmount()));
    }

    private static Number number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) (long) value : (Number) value;
    }
}
