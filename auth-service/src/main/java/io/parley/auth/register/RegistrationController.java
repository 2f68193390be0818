package io.parley.auth.register;

import io.parley.common.edge.EdgeHeaders;
import io.parley.auth.Tenants;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** LibreChat's {@code POST /api/auth/register}: always 200 with the same sentence, whether or not the e-mail was new. */
@RestController
class RegistrationController {

    static final String DONE = "Please check your email to verify your email address.";

    private final Registration registration;

    RegistrationController(Registration registration) {
        this.registration = registration;
    }

    @PostMapping("/api/auth/register")
    Map<String, String> register(@RequestBody RegisterRequest body,
                                 @RequestHeader(value = EdgeHeaders.TENANT, required = false) String tenant) {
        registration.register(Tenants.of(tenant), body);
        return Map.of("message", DONE);
    }
}
