package io.parley.auth.oauth;

import io.parley.auth.Tenants;
import io.parley.common.edge.EdgeHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code /oauth/<provider>}, {@code /oauth/<provider>/callback} and {@code /oauth/error}, also
 * at the seed's {@code /api/oauth/…}. Browser navigations: every answer is a 302.
 */
@RestController
class OAuthController {

    private final OAuthSignIn signIn;

    OAuthController(OAuthSignIn signIn) {
        this.signIn = signIn;
    }

    @GetMapping({"/oauth/error", "/api/oauth/error"})
    ResponseEntity<Void> error() {
        return redirect(signIn.failurePage());
    }

    @GetMapping({"/oauth/{provider}", "/api/oauth/{provider}"})
    ResponseEntity<Void> start(@PathVariable String provider,
                               @RequestHeader(value = EdgeHeaders.TENANT, required = false) String tenant,
                               HttpServletRequest request, HttpServletResponse response) {
        return redirect(signIn.begin(provider, Tenants.of(tenant), request, response));
    }

    @GetMapping({"/oauth/{provider}/callback", "/api/oauth/{provider}/callback"})
    ResponseEntity<Void> callback(@PathVariable String provider, @RequestParam Map<String, String> parameters,
                                  @RequestHeader(value = EdgeHeaders.TENANT, required = false) String tenant,
                                  HttpServletRequest request, HttpServletResponse response) {
        return redirect(signIn.complete(provider, parameters, Tenants.of(tenant), request, response));
    }

    private static ResponseEntity<Void> redirect(URI target) {
        return ResponseEntity.status(HttpStatus.FOUND).location(target).cacheControl(CacheControl.noStore()).build();
    }
}
