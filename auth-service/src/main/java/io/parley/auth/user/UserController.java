package io.parley.auth.user;

import io.parley.common.error.ApiException;
import io.parley.common.error.ApiException.FieldProblem;
import io.parley.common.security.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.types.ObjectId;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UserController {

    private final UserStore users;

    UserController(UserStore users) {
        this.users = users;
    }

    @GetMapping({"/api/user", "/api/user/"})
    UserView me(CurrentUser caller) {
        return users.byId(caller.tenantId(), caller.id()).map(UserView::of)
                .orElseThrow(UserController::gone);
    }

    /**
     * The caller's own name and username, checked by the registration rules; a blank username clears
     * it. Answers as {@code GET /api/user} does after the change.
     */
    @RequestMapping(path = {"/api/user", "/api/user/"}, method = {RequestMethod.POST, RequestMethod.PATCH})
    UserView update(CurrentUser caller, @RequestBody ProfileUpdate body) {
        if (body.name() == null && body.username() == null) {
            throw new ApiException.Invalid("Nothing to update: send name or username");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String name = body.name() == null ? null : ProfileRules.name(body.name(), problems);
        String username = null;
        if (body.username() != null) {
            String checked = ProfileRules.username(body.username(), problems);
            username = checked == null ? "" : checked.toLowerCase(Locale.ROOT);
        }
        ProfileRules.throwIfAny(problems);
        if (username != null && !username.isEmpty() && ObjectId.isValid(caller.id())
                && users.usernameTaken(caller.tenantId(), username, new ObjectId(caller.id()))) {
            throw new ApiException.Conflict("The username is already taken");
        }
        return users.updateProfile(caller.tenantId(), caller.id(), name, username).map(UserView::of)
                .orElseThrow(UserController::gone);
    }

    /**
     * Forgets the caller's avatar, so clients show their initials. Uploading one is file-service's
     * {@code POST /api/files/images/avatar}, which stores the image and sets the URL here.
     */
    @DeleteMapping("/api/user/avatar")
    UserView deleteAvatar(CurrentUser caller) {
        return users.setAvatar(caller.tenantId(), caller.id(), null).map(UserView::of).orElseThrow(UserController::gone);
    }

    private static ApiException gone() {
        return new ApiException.Unauthorized("The account no longer exists");
    }
}
