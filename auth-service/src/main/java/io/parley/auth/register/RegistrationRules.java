package io.parley.auth.register;

import io.parley.common.error.ApiException;
import io.parley.common.error.ApiException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * LibreChat's registration rules ({@code api/strategies/validators.js}): name 3–80, optional
 * username 2–80 of letters in its allowed scripts, digits and {@code _.@#$%&*()} that does not look
 * like an injection, a valid e-mail, a password of {@code MIN_PASSWORD_LENGTH}–128 that is not only
 * spaces and that the confirmation repeats. Any breach is a 400 naming every failing field.
 */
public final class RegistrationRules {

    private static final Pattern USERNAME = Pattern.compile(
            "[a-zA-Z0-9_.@#$%&*()\\p{IsLatin}\\p{IsCommon}\\p{IsCyrillic}\\p{IsDevanagari}\\p{IsHan}\\p{IsArabic}"
                    + "\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]+");
    private static final Pattern INJECTION = Pattern.compile("'|--|\\$ne|\\$gt|\\$lt|\\$or|\\{|}|\\*|;|<|>|/|=");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private final int minPasswordLength;

    RegistrationRules(int minPasswordLength) {
        this.minPasswordLength = minPasswordLength;
    }

    /** @return the request with blank username as null and e-mail trimmed; throws when any rule fails */
    RegisterRequest check(RegisterRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = name(request.name(), problems);
        String username = username(request.username(), problems);
        String email = request.email() == null ? null : request.email().trim();
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            problems.add(new FieldProblem("email", "must be a valid email address"));
        }
        String password = request.password();
        password(password, request.confirmPassword(), minPasswordLength, problems);
        throwIfAny(problems);
        return new RegisterRequest(name, username, email, password, request.confirmPassword());
    }

    /**
     * The password rule (also for password resets): {@code minLength}–128 characters, not only
     * spaces, repeated by {@code confirmation}; a breach is added to {@code problems}
     */
    public static void password(String password, String confirmation, int minLength, List<FieldProblem> problems) {
        if (password == null || password.length() < minLength || password.length() > 128) {
            problems.add(new FieldProblem("password", "must be " + minLength + " to 128 characters"));
        } else if (password.isBlank()) {
            problems.add(new FieldProblem("password", "must not be only spaces"));
        } else if (!password.equals(confirmation)) {
            problems.add(new FieldProblem("confirm_password", "The passwords did not match"));
        }
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
