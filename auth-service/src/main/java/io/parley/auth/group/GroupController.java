package io.parley.auth.group;

import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/groups}: a tenant's groups and their members, ADMIN only (403 for anyone else,
 * before the body is looked at). A missing body is passed on as nulls, which the checks reject.
 */
@RestController
class GroupController {

    private final Groups groups;

    GroupController(Groups groups) {
        this.groups = groups;
    }

    record GroupRequest(String name, String description) {
    }

    record MembersRequest(List<String> userIds) {
    }

    @PostMapping("/api/admin/groups")
    @ResponseStatus(HttpStatus.CREATED)
    GroupView create(CurrentUser caller, @RequestBody(required = false) GroupRequest body) {
        return groups.create(caller, body == null ? null : body.name(), body == null ? null : body.description());
    }

    @GetMapping("/api/admin/groups")
    Map<String, List<GroupView>> list(CurrentUser caller, @RequestParam(required = false) String search) {
        return Map.of("groups", groups.list(caller, search));
    }

    @GetMapping("/api/admin/groups/{id}")
    GroupView read(CurrentUser caller, @PathVariable String id) {
        return groups.read(caller, id);
    }

    @PatchMapping("/api/admin/groups/{id}")
    GroupView update(CurrentUser caller, @PathVariable String id, @RequestBody(required = false) GroupRequest body) {
        return groups.update(caller, id, body == null ? null : body.name(), body == null ? null : body.description());
    }

    @PostMapping("/api/admin/groups/{id}/members")
    GroupView addMembers(CurrentUser caller, @PathVariable String id,
                         @RequestBody(required = false) MembersRequest body) {
        return groups.addMembers(caller, id, body == null ? null : body.userIds());
    }

    @DeleteMapping("/api/admin/groups/{id}/members/{userId}")
    GroupView removeMember(CurrentUser caller, @PathVariable String id, @PathVariable String userId) {
        return groups.removeMember(caller, id, userId);
    }

    @DeleteMapping("/api/admin/groups/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(CurrentUser caller, @PathVariable String id) {
        groups.delete(caller, id);
    }
}
