package io.parley.auth.register;

import com.fasterxml.jackson.annotation.JsonProperty;

/** LibreChat's registration body; checked by {@link RegistrationRules}, not by annotations, to keep its rules in one place. */
record RegisterRequest(String name, String username, String email, String password,
                       @JsonProperty("confirm_password") String confirmPassword) {
}
