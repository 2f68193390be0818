package io.parley.auth.balance;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/** The unit of LibreChat's {@code refillIntervalUnit}; stored and shown in lower case. */
public enum RefillUnit {
    SECONDS, MINUTES, HOURS, DAYS, WEEKS, MONTHS;

    /** The name LibreChat writes: {@code "days"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return empty for null or a name LibreChat does not know */
    static Optional<RefillUnit> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (RefillUnit unit : values()) {
            if (unit.wireName().equalsIgnoreCase(name.trim())) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }

    /** {@code value} units after {@code from}; months are calendar months in UTC. */
    Instant after(Instant from, long value) {
        return switch (this) {
            case SECONDS -> from.plusSeconds(value);
            case MINUTES -> from.plusSeconds(value * 60);
            case HOURS -> from.plusSeconds(value * 3600);
            case DAYS -> from.plusSeconds(value * 86_400);
            case WEEKS -> from.plusSeconds(value * 7 * 86_400);
            case MONTHS -> from.atOffset(ZoneOffset.UTC).plusMonths(value).toInstant();
        };
    }
}
