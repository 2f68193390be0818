package io.parley.auth.balance;

import java.time.Instant;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user's credits, in LibreChat's balance shape ({@code packages/data-schemas/src/schema/balance.ts}),
 * one per tenant and user. Numbers may be fractional: a token can cost a fraction of a credit.
 * The refill fields may be absent (null) on records made while auto-refill was off.
 */
@Document(BalanceStore.COLLECTION)
record BalanceAccount(@Id ObjectId id, String tenantId, ObjectId user, Double tokenCredits, Boolean autoRefillEnabled,
                      Integer refillIntervalValue, String refillIntervalUnit, Instant lastRefill, Double refillAmount) {

    double credits() {
        return tokenCredits == null ? 0 : tokenCredits;
    }

    boolean refills() {
        return Boolean.TRUE.equals(autoRefillEnabled) && refillAmount != null && refillAmount > 0;
    }

    /**
     * LibreChat's rule: due when there never was a refill or the interval since the last one has
     * passed. An interval LibreChat does not know is never due.
     */
    boolean refillDueAt(Instant now) {
        if (!refills()) {
            return false;
        }
        if (lastRefill == null) {
            return true;
        }
        Optional<RefillUnit> unit = RefillUnit.parse(refillIntervalUnit);
        return refillIntervalValue != null && unit.isPresent()
                && !now.isBefore(unit.get().after(lastRefill, refillIntervalValue));
    }
}
