package io.parley.auth.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The actions the audit log knows, named {@code <category>.<verb>} as LibreChat names its own ({@code grant.assigned},
 * {@code grant.removed}). Parley records more than LibreChat does; its categories are LibreChat's ({@code auth},
 * {@code permission}, {@code config}, {@code grant}) plus {@code user} for accounts.
 */
public enum AuditAction {
    SIGN_IN("auth.sign_in", Severity.INFO),
    SIGN_IN_FAILED("auth.sign_in_failed", Severity.WARNING),
    TWO_FACTOR_ENABLED("auth.2fa_enabled", Severity.INFO),
    TWO_FACTOR_DISABLED("auth.2fa_disabled", Severity.WARNING),
    OPERATOR_TOKEN("auth.operator_token", Severity.WARNING),
    USER_CREATED("user.created", Severity.INFO),
    USER_INVITED("user.invited", Severity.INFO),
    USER_PASSWORD_RESET("user.password_reset", Severity.WARNING),
    USER_DELETED("user.deleted", Severity.CRITICAL),
    USER_BANNED("user.banned", Severity.WARNING),
    USER_UNBANNED("user.unbanned", Severity.INFO),
    USER_BALANCE_SET("user.balance_set", Severity.INFO),
    USER_BALANCE_ADDED("user.balance_added", Severity.INFO),
    ROLE_PERMISSIONS_UPDATED("permission.role_updated", Severity.WARNING),
    USER_ROLE_CHANGED("permission.user_role_changed", Severity.WARNING),
    GROUP_CREATED("permission.group_created", Severity.INFO),
    GROUP_UPDATED("permission.group_updated", Severity.INFO),
    GROUP_MEMBER_ADDED("permission.group_member_added", Severity.INFO),
    GROUP_MEMBER_REMOVED("permission.group_member_removed", Severity.INFO),
    GROUP_DELETED("permission.group_deleted", Severity.WARNING),
    GRANT_ASSIGNED("grant.assigned", Severity.WARNING),
    GRANT_REMOVED("grant.removed", Severity.WARNING),
    BANNER_UPDATED("config.banner_updated", Severity.INFO),
    BANNER_DELETED("config.banner_deleted", Severity.INFO),
    TERMS_RESET("config.terms_reset", Severity.WARNING),
    CACHE_FLUSHED("config.cache_flushed", Severity.INFO);

    public enum Severity {
        INFO, WARNING, CRITICAL;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Map<String, AuditAction> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(AuditAction::wire, Function.identity()));

    private final String wire;
    private final Severity severity;

    AuditAction(String wire, Severity severity) {
        this.wire = wire;
        this.severity = severity;
    }

    String wire() {
        return wire;
    }

    String category() {
        return wire.substring(0, wire.indexOf('.'));
    }

    Severity severity() {
        return severity;
    }

    static Optional<AuditAction> ofWire(String wire) {
        return Optional.ofNullable(BY_WIRE.get(wire));
    }

    static boolean isCategory(String category) {
        return Arrays.stream(values()).anyMatch(a -> a.category().equals(category));
    }
}
