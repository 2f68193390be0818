package io.parley.auth.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a feature tells the audit log: an action ({@code <category>.<verb>}) with its outcome, who did it, to what,
 * and a flat map of details (strings, numbers, booleans; never a secret). The request's address, user agent and id
 * are added by {@link AuditTrail}.
 *
 * @param tenantId the tenant whose chain the entry joins
 */
public record AuditEvent(String tenantId, AuditAction action, Outcome outcome, Actor actor, Target target,
                         Map<String, Object> metadata) {

    public enum Outcome {
        SUCCESS, FAILURE, DENIED;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Who acted; {@code id} is absent for someone not (yet) known, such as a failed sign-in. */
    public record Actor(String type, @Nullable String id, String name) {

        public static Actor user(String id, String name) {
            return new Actor("user", id, name);
        }

        public static Actor unknown(String name) {
            return new Actor("user", null, name);
        }

        public static Actor operator() {
            return new Actor("api", null, "operator");
        }
    }

    /** What was acted on: a user, role, group, banner, …. */
    public record Target(String type, @Nullable String id, @Nullable String name) {

        public static Target user(String id, @Nullable String name) {
            return new Target("user", id, name);
        }
    }

    public AuditEvent {
        Map<String, Object> flat = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            if (value != null) {
                flat.put(key, flat(value));
            }
        });
        metadata = Map.copyOf(flat);
    }

    public static AuditEvent success(String tenantId, AuditAction action, Actor actor, Target target) {
        return new AuditEvent(tenantId, action, Outcome.SUCCESS, actor, target, Map.of());
    }

    public AuditEvent with(String key, @Nullable Object value) {
        Map<String, Object> more = new LinkedHashMap<>(metadata);
        if (value != null) {
            more.put(key, value);
        }
        return new AuditEvent(tenantId, action, outcome, actor, target, more);
    }

    /** One canonical type per kind of value, so an entry hashes the same before and after the store. */
    private static Object flat(Object value) {
        return switch (value) {
            case String s -> s;
            case Boolean b -> b;
            case Integer i -> i.longValue();
            case Long l -> l;
            case Short s -> s.longValue();
            case Double d -> d;
            case Float f -> f.doubleValue();
            case java.math.BigDecimal d -> d.toPlainString();
            default -> value.toString();
        };
    }
}
