package io.parley.auth.access;

import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** LibreChat's {@code /api/permissions} routes: access roles, sharing, effective bits, people picker. */
@RestController
@RequestMapping("/api/permissions")
class PermissionsController {

    private final Access access;
    private final Sharing sharing;
    private final PrincipalSearch principals;

    PermissionsController(Access access, Sharing sharing, PrincipalSearch principals) {
        this.access = access;
        this.sharing = sharing;
        this.principals = principals;
    }

    @GetMapping("/search-principals")
    PrincipalSearch.Found searchPrincipals(CurrentUser caller, @RequestParam(required = false) String q,
                                           @RequestParam(required = false) String limit,
                                           @RequestParam(required = false) String types) {
        return principals.search(caller, q, limit, types);
    }

    @GetMapping("/{resourceType}/roles")
    List<AccessRole> roles(@PathVariable String resourceType) {
        return ResourceType.parse(resourceType).roles();
    }

    @GetMapping("/{resourceType}/effective/all")
    Map<String, Integer> effectiveAll(CurrentUser caller, @PathVariable String resourceType) {
        return access.effectiveAll(caller, ResourceType.parse(resourceType));
    }

    @GetMapping("/{resourceType}/{resourceId}/effective")
    Map<String, Integer> effective(CurrentUser caller, @PathVariable String resourceType, @PathVariable String resourceId) {
        return Map.of("permissionBits", access.bits(caller, ResourceType.parse(resourceType), resourceId));
    }

    @GetMapping("/{resourceType}/{resourceId}")
    SharingView read(CurrentUser caller, @PathVariable String resourceType, @PathVariable String resourceId) {
        return sharing.read(caller, ResourceType.parse(resourceType), Access.requireResourceId(resourceId));
    }

    @PutMapping("/{resourceType}/{resourceId}")
    Sharing.UpdateResult update(CurrentUser caller, @PathVariable String resourceType, @PathVariable String resourceId,
                                @RequestBody(required = false) PermissionsUpdate body) {
        return sharing.update(caller, ResourceType.parse(resourceType), Access.requireResourceId(resourceId), body);
    }
}
