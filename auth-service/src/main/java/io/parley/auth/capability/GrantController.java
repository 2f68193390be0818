package io.parley.auth.capability;

import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/grants}: {@code GET /} ({@code {grants}}), {@code GET /effective} (the caller's own
 * {@code {capabilities}}), {@code GET /:principalType/:principalId}, {@code POST / {principalType, principalId,
 * capability}} (201 {@code {grant}}; granting again answers the grant there is) and
 * {@code DELETE /:principalType/:principalId/:capability}.
 */
@RestController
class GrantController {

    private final Grants grants;

    GrantController(Grants grants) {
        this.grants = grants;
    }

    record GrantRequest(@Nullable String principalType, @Nullable String principalId, @Nullable String capability) {
    }

    @GetMapping("/api/admin/grants")
    Map<String, List<GrantView>> all(CurrentUser caller) {
        return Map.of("grants", grants.all(caller));
    }

    @GetMapping("/api/admin/grants/effective")
    Map<String, List<String>> effective(CurrentUser caller) {
        return Map.of("capabilities", grants.effective(caller));
    }

    @GetMapping("/api/admin/grants/{principalType}/{principalId}")
    Map<String, List<GrantView>> of(CurrentUser caller, @PathVariable String principalType,
                                    @PathVariable String principalId) {
        return Map.of("grants", grants.of(caller, principalType, principalId));
    }

    @PostMapping("/api/admin/grants")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, GrantView> assign(CurrentUser caller, @RequestBody(required = false) @Nullable GrantRequest body) {
        GrantRequest given = body == null ? new GrantRequest(null, null, null) : body;
        return Map.of("grant", grants.assign(caller, given.principalType(), given.principalId(), given.capability()));
    }

    @DeleteMapping("/api/admin/grants/{principalType}/{principalId}/{capability}")
    Map<String, Boolean> revoke(CurrentUser caller, @PathVariable String principalType, @PathVariable String principalId,
                                @PathVariable String capability) {
        grants.revoke(caller, principalType, principalId, capability);
        return Map.of("success", true);
    }
}
