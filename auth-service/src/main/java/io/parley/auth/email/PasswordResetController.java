package io.parley.auth.email;

import io.parley.common.edge.EdgeHeaders;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.auth.Tenants;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code POST /api/auth/requestPasswordReset} ({@code {message}}, or {@code {link}} without
 * e-mail) and {@code POST /api/auth/resetPassword}. Both 403 unless {@code ALLOW_PASSWORD_RESET}.
 */
@RestController
class PasswordResetController {

    private final PasswordReset reset;

    PasswordResetController(PasswordReset reset) {
        this.reset = reset;
    }

    record ResetRequest(String email) {
    }

    record NewPassword(String userId, String token, String password,
                       @JsonProperty("confirm_password") String confirmPassword) {
    }

    @PostMapping("/api/auth/requestPasswordReset")
    Map<String, String> request(@RequestBody ResetRequest body,
                                @RequestHeader(value = EdgeHeaders.TENANT, required = false) String tenant) {
        return reset.request(Tenants.of(tenant), body.email())
                .map(link -> Map.of("link", link))
                .orElseGet(() -> Map.of("message", PasswordReset.SENT));
    }

    @PostMapping("/api/auth/resetPassword")
    Map<String, String> reset(@RequestBody NewPassword body,
                              @RequestHeader(value = EdgeHeaders.TENANT, required = false) String tenant) {
        reset.reset(Tenants.of(tenant), body.userId(), body.token(), body.password(), body.confirmPassword());
        return Map.of("message", PasswordReset.DONE);
    }
}
