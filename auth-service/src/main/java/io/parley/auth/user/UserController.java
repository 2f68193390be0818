package io.parley.auth.user;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
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
                .orElseThrow(() -> new ApiException.Unauthorized("The account no longer exists"));
    }
}
