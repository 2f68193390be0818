package io.parley.auth.email;

import io.parley.common.edge.EdgeHeaders;
import io.parley.auth.Tenants;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code POST /api/user/verify {email, token}} and {@code POST /api/user/verify/resend
 * {email}}, served without a token (the person has not signed in yet), and the specification's
 * {@code POST /api/user/verify-email}: with a token it verifies, without one it resends.
 */
@RestController
class EmailVerificationController {

    private final EmailVerification verification;

    EmailVerificationController(EmailVerification verification) {
        this.verification = verification;
    }

    record VerifyRequest(String email, String token) {
    }

    @PostMapping("/api/user/verify")
    Map<String, String> verify(@RequestBody VerifyRequest body,
                               @RequestHeader(value = EdgeHeaders.TENANT, required = false) String tenant) {
        return Map.of("message", verification.verify(Tenants.of(tenant), body.email(), body.token()), "status", "success");
    }

    @PostMapping("/api/user/verify/resend")
    Map<String, String> resend(@RequestBody VerifyRequest body,
                               @RequestHeader(value = EdgeHeaders.TENANT, required = false) String tenant) {
        verification.resend(Tenants.of(tenant), body.email());
        return Map.of("message", EmailVerification.SENT);
    }

    @PostMapping("/api/user/verify-email")
    Map<String, String> verifyOrResend(@RequestBody VerifyRequest body,
                                       @RequestHeader(value = EdgeHeaders.TENANT, required = false) String tenant) {
        return body.token() == null ? resend(body, tenant) : verify(body, tenant);
    }
}
