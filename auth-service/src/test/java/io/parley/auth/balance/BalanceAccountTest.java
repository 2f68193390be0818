package io.parley.auth.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class BalanceAccountTest {

    private static final Instant LAST = Instant.parse("2026-01-31T12:00:00Z");

    @Test
    void aRefillIsDueOnceTheIntervalHasPassed() {
        BalanceAccount account = refilling(30, "days", LAST);

        assertThat(account.refillDueAt(LAST.plusSeconds(30L * 86_400 - 1))).isFalse();
        assertThat(account.refillDueAt(LAST.plusSeconds(30L * 86_400))).isTrue();
    }

    @Test
    void monthsAreCalendarMonths() {
        BalanceAccount account = refilling(1, "months", LAST);

        assertThat(account.refillDueAt(Instant.parse("2026-02-28T11:59:59Z"))).isFalse();
        assertThat(account.refillDueAt(Instant.parse("2026-02-28T12:00:00Z"))).isTrue();
    }

    @Test
    void neverRefilledIsDueAndUnknownUnitsOrNoAmountNeverAre() {
        assertThat(refilling(30, "days", null).refillDueAt(LAST)).isTrue();
        assertThat(refilling(30, "fortnights", LAST).refillDueAt(LAST.plusSeconds(86_400L * 365))).isFalse();
        assertThat(new BalanceAccount(new ObjectId(), "t", new ObjectId(), 0.0, true, 1, "seconds", null, 0.0)
                .refillDueAt(LAST)).isFalse();
        assertThat(new BalanceAccount(new ObjectId(), "t", new ObjectId(), 0.0, false, 1, "seconds", null, 10.0)
                .refillDueAt(LAST)).isFalse();
    }

    private static BalanceAccount refilling(int value, String unit, Instant lastRefill) {
        return new BalanceAccount(new ObjectId(), "t", new ObjectId(), 0.0, true, value, unit, lastRefill, 10_000.0);
    }
}
