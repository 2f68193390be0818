package io.parley.auth.twofa;

import io.parley.common.edge.EdgeHeaders;
import io.parley.common.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code /api/auth/2fa/*} for the signed-in user. {@code verify-temp}, the one route without
 * an access token, is the login controller's: it starts a session.
 */
@RestController
@RequestMapping("/api/auth/2fa")
class TwoFactorController {

    private final TwoFactor twoFactor;

    TwoFactorController(TwoFactor twoFactor) {
        this.twoFactor = twoFactor;
    }

    /** {@code POST} since LibreChat v0.8.4; {@code GET} as in the seed and v0.8.0–0.8.3 (no body, so no re-enrolment). */
    @RequestMapping(value = "/enable", method = {RequestMethod.GET, RequestMethod.POST})
    TwoFactor.Enrolled enable(CurrentUser caller, @RequestBody(required = false) CodeRequest body,
                              @RequestHeader(value = EdgeHeaders.CLIENT_IP, required = false) String clientIp) {
        return twoFactor.enable(caller.tenantId(), caller.id(), clientIp, orNone(body));
    }

    @PostMapping("/verify")
    ResponseEntity<Void> verify(CurrentUser caller, @RequestBody(required = false) CodeRequest body,
                                @RequestHeader(value = EdgeHeaders.CLIENT_IP, required = false) String clientIp) {
        twoFactor.verify(caller.tenantId(), caller.id(), clientIp, orNone(body));
        return ResponseEntity.ok().build();
    }

    @PostMapping("/confirm")
    ResponseEntity<Void> confirm(CurrentUser caller, @RequestBody(required = false) CodeRequest body,
                                 @RequestHeader(value = EdgeHeaders.CLIENT_IP, required = false) String clientIp) {
        twoFactor.confirm(caller.tenantId(), caller.id(), clientIp, orNone(body));
        return ResponseEntity.ok().build();
    }

    @PostMapping("/disable")
    ResponseEntity<Void> disable(CurrentUser caller, @RequestBody(required = false) CodeRequest body,
                                 @RequestHeader(value = EdgeHeaders.CLIENT_IP, required = false) String clientIp) {
        twoFactor.disable(caller.tenantId(), caller.id(), clientIp, orNone(body));
        return ResponseEntity.ok().build();
    }

    @PostMapping("/backup/regenerate")
    TwoFactor.Regenerated regenerate(CurrentUser caller, @RequestBody(required = false) CodeRequest body,
                                     @RequestHeader(value = EdgeHeaders.CLIENT_IP, required = false) String clientIp) {
        return twoFactor.regenerate(caller.tenantId(), caller.id(), clientIp, orNone(body));
    }

    private static CodeRequest orNone(CodeRequest body) {
        return body == null ? CodeRequest.NONE : body;
    }
}
