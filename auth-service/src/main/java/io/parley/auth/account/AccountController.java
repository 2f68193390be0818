package io.parley.auth.account;

import io.parley.common.security.CurrentUser;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code DELETE /api/user/delete} and the seed's {@code DELETE /api/user/account}: the
 * caller deletes their own account. LibreChat's body ({@code token} or {@code backupCode}, checked
 * when two-factor authentication is on) is not read until Parley has two-factor authentication.
 */
@RestController
class AccountController {

    private final AccountDeletion deletion;

    AccountController(AccountDeletion deletion) {
        this.deletion = deletion;
    }

    @DeleteMapping({"/api/user/delete", "/api/user/account"})
    Map<String, String> delete(CurrentUser caller) {
        deletion.deleteOwnAccount(caller);
        return Map.of("message", "User deleted");
    }
}
