package io.parley.auth.register;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * LibreChat's registration body; checked by {@link RegistrationRules}, not by annotations, to keep its rules in one place.
 *
 * @param token an invitation's token (LibreChat's client sends the {@code token} of its {@code /register?token=}
 *              link); null, empty or {@code "undefined"} for none
 */
record RegisterRequest(String name, String username, String email, String password,
                       @JsonProperty("confirm_password") String confirmPassword, String token) {

    RegisterRequest(String name, String username, String email, String password, String confirmPassword) {
        this(name, username, email, password, confirmPassword, null);
    }

    /** LibreChat's client sends the string {@code "undefined"} when its link had no token. */
    boolean invited() {
        return token != null && !token.isBlank() && !"undefined".equals(token);
    }
}
