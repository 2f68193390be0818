package io.parley.auth.admin;

import io.parley.auth.register.AccountCreation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import io.parley.common.security.CurrentUser;

/**
 * Making and ending accounts: {@code POST /api/admin/users} (LibreChat 0.8.8's shape, {@code {user}}),
 * {@code POST /api/admin/invites}, {@code PUT /api/admin/users/:id/password} and
 * {@code DELETE /api/admin/users/:id}. ADMIN only.
 */
@RestController
class AdminAccountsController {

    private final AdminAccounts accounts;

    AdminAccountsController(AdminAccounts accounts) {
        this.accounts = accounts;
    }

    /** @param emailVerified null for true (LibreChat's default) */
    record CreateRequest(String email, String name, String username, String password, Boolean emailVerified,
                         String role) {
    }

    record Created(UserSummary user) {
    }

    record InviteRequest(String email) {
    }

    record PasswordRequest(String password) {
    }

    @PostMapping("/api/admin/users")
    @ResponseStatus(HttpStatus.CREATED)
    Created create(CurrentUser caller, @RequestBody(required = false) CreateRequest body) {
        CreateRequest given = body == null ? new CreateRequest(null, null, null, null, null, null) : body;
        return new Created(UserSummary.of(accounts.create(caller, new AccountCreation.NewAccount(given.email(),
                given.name(), given.username(), given.password(), !Boolean.FALSE.equals(given.emailVerified()),
                given.role()))));
    }

    /** {@code {message}}, with {@code link} when there is no e-mail to send it by. */
    @PostMapping("/api/admin/invites")
    Map<String, String> invite(CurrentUser caller, @RequestBody(required = false) InviteRequest body) {
        Optional<String> link = accounts.invite(caller, body == null ? null : body.email());
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("message", link.isPresent() ? "Send this link to the user" : "Invitation sent successfully");
        link.ifPresent(l -> answer.put("link", l));
        return answer;
    }

    @PutMapping("/api/admin/users/{userId}/password")
    Map<String, String> resetPassword(CurrentUser caller, @PathVariable String userId,
                                      @RequestBody(required = false) PasswordRequest body) {
        accounts.resetPassword(caller, userId, body == null ? null : body.password());
        return Map.of("message", "Password successfully reset");
    }

    /** LibreChat's answer: {@code {message: "User was deleted successfully."}}. */
    @DeleteMapping("/api/admin/users/{userId}")
    Map<String, String> delete(CurrentUser caller, @PathVariable String userId) {
        accounts.delete(caller, userId);
        return Map.of("message", "User was deleted successfully.");
    }
}
