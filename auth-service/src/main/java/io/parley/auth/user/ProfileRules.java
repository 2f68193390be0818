package io.parley.auth.user;

import io.parley.common.error.ApiException;
import io.parley.common.error.ApiException.FieldProblem;
import java.util.List;
import java.util.regex.Pattern;

/**
 * LibreChat's rules for a person's name and username ({@code api/strategies/validators.js}), for
 * registration, profile updates and accounts made at a provider's sign-in: name 3–80, optional
 * username 2–80 of letters in its allowed scripts, digits and {@code _.@#$%&*()} that does not look
 * like an injection. Any breach is a 400 naming every failing field.
 */
public final class ProfileRules {

    private static final Pattern USERNAME = Pattern.compile(
            "[a-zA-Z0-9_.@#$%&*()\\p{IsLatin}\\p{IsCommon}\\p{IsCyrillic}\\p{IsDevanagari}\\p{IsHan}\\p{IsArabic}"
                    + "\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]+");
    private static final Pattern INJECTION = Pattern.compile("'|--|\\$ne|\\$gt|\\$lt|\\$or|\\{|}|\\*|;|<|>|/|=");
    private ProfileRules() {
    }

    /** The name rule (also for profile updates): @return the trimmed name; a breach is added to {@code problems} */
    public static String name(String raw, List<FieldProblem> problems) {
        String name = raw == null ? null : raw.trim();
        if (name == null || name.length() < 3 || name.length() > 80) {
            problems.add(new FieldProblem("name", "must be 3 to 80 characters"));
        }
        return name;
    }

    /**
     * The username rule (also for profile updates): @return the trimmed username, null when blank; a
     * breach is added to {@code problems}
     */
    public static String username(String raw, List<FieldProblem> problems) {
        String username = raw == null || raw.isBlank() ? null : raw.trim();
        if (username != null) {
            if (username.length() < 2 || username.length() > 80) {
                problems.add(new FieldProblem("username", "must be 2 to 80 characters"));
            } else if (!USERNAME.matcher(username).matches()) {
                problems.add(new FieldProblem("username", "contains characters that are not allowed"));
            } else if (INJECTION.matcher(username).find()) {
                problems.add(new FieldProblem("username", "Potential injection attack detected"));
            }
        }
        return username;
    }

    /** A 400 naming every failing field, as registration answers; nothing when {@code problems} is empty. */
    public static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            String message = String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList());
            throw new ApiException.Invalid("invalid_request", message, problems);
        }
    }
}
