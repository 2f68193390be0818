package io.parley.auth.register;

import io.parley.auth.user.ProfileRules;
import io.parley.common.error.ApiException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * LibreChat's registration rules ({@code api/strategies/validators.js}): the name and username as
 * {@link ProfileRules} has them, a valid e-mail, a password of {@code MIN_PASSWORD_LENGTH}–128 that is not only
 * spaces and that the confirmation repeats. Any breach is a 400 naming every failing field.
 */
public final class RegistrationRules {

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private final int minPasswordLength;

    RegistrationRules(int minPasswordLength) {
        this.minPasswordLength = minPasswordLength;
    }

    /** @return the request with blank username as null and e-mail trimmed; throws when any rule fails */
    RegisterRequest check(RegisterRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = ProfileRules.name(request.name(), problems);
        String username = ProfileRules.username(request.username(), problems);
        String email = email(request.email(), problems);
        String password = request.password();
        password(password, request.confirmPassword(), minPasswordLength, problems);
        ProfileRules.throwIfAny(problems);
        return new RegisterRequest(name, username, email, password, request.confirmPassword());
    }

    /**
     * The e-mail rule: a valid address of at most 254 characters; a breach is added to {@code problems}.
     *
     * @return the address trimmed (not lower-cased); null when none was given
     */
    public static String email(String raw, List<FieldProblem> problems) {
        String email = raw == null ? null : raw.trim();
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            problems.add(new FieldProblem("email", "must be a valid email address"));
        }
        return email;
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
}
