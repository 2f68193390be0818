package io.parley.auth.login;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record LoginRequest(@NotBlank @Size(max = 254) String email,
                    @NotNull @Size(min = 1, max = 128) String password) {
}
