package io.parley.auth.email;

import io.parley.common.error.ApiException;
import java.util.Locale;
import java.util.Optional;

/** E-mail addresses as the users collection stores them: trimmed and lower-case. */
final class Addresses {

    private Addresses() {
    }

    /** @return the stored form of a plausible address; empty for anything else */
    static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String email = raw.trim().toLowerCase(Locale.ROOT);
        int at = email.indexOf('@');
        if (email.length() > 254 || at < 1 || at == email.length() - 1 || email.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        return Optional.of(email);
    }

    /** @throws ApiException.Invalid naming the field, for routes where a missing address is the caller's mistake */
    static String required(String raw) {
        return normalize(raw).orElseThrow(() -> ApiException.Invalid.field("email", "must be a valid email address"));
    }
}
