package io.parley.auth.audit;

import io.parley.common.error.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.util.MultiValueMap;

/**
 * The filters of {@code GET /api/admin/audit-log} and its export, as LibreChat names them: {@code category},
 * {@code action}, {@code outcome}, {@code severity} (comma-separated or repeated), {@code actorType},
 * {@code actorQuery}, {@code targetType}, {@code targetQuery}, {@code capability}, {@code search}, {@code from},
 * {@code to}; paged by {@code cursor} (the last {@code seq} seen, newest first) or {@code offset}, {@code limit}
 * up to 500. A value it does not know is a 400, never an empty page.
 */
record AuditLogQuery(Query filter, int offset, int limit) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final int MAX_TEXT = 200;
    private static final Set<String> OUTCOMES = Set.of("success", "failure", "denied", "pending");
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    private static final Set<String> ACTOR_TYPES = Set.of("user", "system", "agent", "service", "schedule", "webhook",
            "api");

    static AuditLogQuery of(String chainKey, MultiValueMap<String, String> params) {
        List<Criteria> all = new ArrayList<>();
        all.add(Criteria.where("chainKey").is(chainKey));
        List<String> categories = values(params, "category");
        categories.forEach(c -> require(AuditAction.isCategory(c), "category", c));
        in(all, "category", categories);
        List<String> actions = values(params, "action");
        actions.forEach(a -> require(AuditAction.ofWire(a).isPresent(), "action", a));
        in(all, "action", actions);
        List<String> outcomes = values(params, "outcome");
        outcomes.forEach(o -> require(OUTCOMES.contains(o), "outcome", o));
        in(all, "outcome", outcomes);
        List<String> severities = values(params, "severity");
        severities.forEach(s -> require(SEVERITIES.contains(s), "severity", s));
        in(all, "severity", severities);
        String actorType = text(params, "actorType");
        if (actorType != null) {
            require(ACTOR_TYPES.contains(actorType), "actorType", actorType);
            all.add(Criteria.where("actor.type").is(actorType));
        }
        String targetType = text(params, "targetType");
        if (targetType != null) {
            all.add(Criteria.where("target.type").is(targetType));
        }
        contains(all, "actor.name", text(params, "actorQuery"));
        contains(all, "target.name", text(params, "targetQuery"));
        contains(all, "metadata.capability", text(params, "capability"));
        String search = text(params, "search");
        if (search != null) {
            Pattern pattern = Pattern.compile(Pattern.quote(search), Pattern.CASE_INSENSITIVE);
            all.add(new Criteria().orOperator(Criteria.where("actor.name").regex(pattern),
                    Criteria.where("target.name").regex(pattern), Criteria.where("action").regex(pattern)));
        }
        Instant from = instant(params, "from");
        Instant to = instant(params, "to");
        if (from != null) {
            all.add(Criteria.where("createdAt").gte(from));
        }
        if (to != null) {
            all.add(Criteria.where("createdAt").lte(to));
        }
        Long cursor = number(params, "cursor", 1, Long.MAX_VALUE);
        if (cursor != null) {
            all.add(Criteria.where("seq").lt(cursor));
        }
        Long offset = number(params, "offset", 0, 1_000_000);
        Long limit = number(params, "limit", 1, MAX_LIMIT);
        return new AuditLogQuery(Query.query(new Criteria().andOperator(all)), offset == null ? 0 : offset.intValue(),
                limit == null ? DEFAULT_LIMIT : limit.intValue());
    }

    private static List<String> values(MultiValueMap<String, String> params, String name) {
        List<String> given = params.getOrDefault(name, List.of());
        return given.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(v -> !v.isEmpty())
                .distinct().toList();
    }

    private static void in(List<Criteria> all, String field, List<String> values) {
        if (!values.isEmpty()) {
            all.add(Criteria.where(field).in(values));
        }
    }

    private static void contains(List<Criteria> all, String field, @Nullable String text) {
        if (text != null) {
            all.add(Criteria.where(field).regex(Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE)));
        }
    }

    private static @Nullable String text(MultiValueMap<String, String> params, String name) {
        String value = params.getFirst(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw ApiException.Invalid.field(name, "must be at most " + MAX_TEXT + " characters");
        }
        return value.trim();
    }

    private static @Nullable Instant instant(MultiValueMap<String, String> params, String name) {
        String value = text(params, name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.Invalid.field(name, "must be an ISO 8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    private static @Nullable Long number(MultiValueMap<String, String> params, String name, long min, long max) {
        String value = text(params, name);
        if (value == null) {
            return null;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.Invalid.field(name, "must be a whole number from " + min + " to " + max);
    }

    private static void require(boolean known, String name, String value) {
        if (!known) {
            throw ApiException.Invalid.field(name, "is not one the audit log knows");
        }
    }
}
