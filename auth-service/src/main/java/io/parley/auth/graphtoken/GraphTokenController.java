package io.parley.auth.graphtoken;

import io.parley.common.security.CurrentUser;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code GET /api/auth/graph-token?scopes=…}: 401 without a token, 403 when the caller's
 * session did not come from OpenID, 400 without scopes.
 */
@RestController
class GraphTokenController {

    private final GraphTokens graphTokens;

    GraphTokenController(GraphTokens graphTokens) {
        this.graphTokens = graphTokens;
    }

    @GetMapping("/api/auth/graph-token")
    ResponseEntity<Map<String, Object>> graphToken(CurrentUser caller, @RequestParam(required = false) String scopes) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(graphTokens.exchange(caller, scopes));
    }
}
