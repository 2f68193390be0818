package io.parley.auth.admin;

import io.parley.common.security.CurrentUser;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/users}, {@code /api/admin/balances} and {@code POST /api/balance/deduct}: a tenant's users as its ADMIN
 * manages them (403 for anyone else, before the body is looked at). A missing body is passed on as
 * nulls, which the checks reject, except for a ban, whose duration is optional.
 */
@RestController
class AdminController {

    private final AdminUsers admin;

    AdminController(AdminUsers admin) {
        this.admin = admin;
    }

    record BanRequest(Long durationMs) {
    }

    record BanState(boolean banned, Instant until) {
    }

    record CreditsRequest(BigDecimal amount, String requestId) {
    }

    record DeductRequest(String userId, BigDecimal amount, String requestId) {
    }

    record Credits(long tokenCredits) {
    }

    record SetCreditsRequest(BigDecimal tokenCredits) {
    }

    @GetMapping("/api/admin/users")
    AdminUsers.Page list(CurrentUser caller, @RequestParam(required = false) String search,
                         @RequestParam(required = false) String limit,
                         @RequestParam(required = false) String cursor,
                         @RequestParam(required = false) String email) {
        return admin.list(caller, search, limit, cursor, email);
    }

    @GetMapping("/api/admin/balances")
    AdminUsers.BalancePage balances(CurrentUser caller, @RequestParam(required = false) String limit,
                                    @RequestParam(required = false) String cursor) {
        return admin.balances(caller, limit, cursor);
    }

    @PutMapping("/api/admin/users/{userId}/balance")
    Credits setCredits(CurrentUser caller, @PathVariable String userId,
                       @RequestBody(required = false) SetCreditsRequest body) {
        return new Credits(admin.setCredits(caller, userId, body == null ? null : body.tokenCredits()));
    }

    @PostMapping("/api/admin/users/{userId}/ban")
    BanState ban(CurrentUser caller, @PathVariable String userId, @RequestBody(required = false) BanRequest body) {
        return new BanState(true, admin.ban(caller, userId, body == null ? null : body.durationMs()));
    }

    @DeleteMapping("/api/admin/users/{userId}/ban")
    Map<String, Boolean> unban(CurrentUser caller, @PathVariable String userId) {
        admin.unban(caller, userId);
        return Map.of("banned", false);
    }

    @PostMapping("/api/admin/users/{userId}/balance")
    Credits addCredits(CurrentUser caller, @PathVariable String userId,
                       @RequestBody(required = false) CreditsRequest body) {
        return new Credits(admin.addCredits(caller, userId, body == null ? null : body.amount(),
                body == null ? null : body.requestId()));
    }

    @PostMapping("/api/balance/deduct")
    Credits deduct(CurrentUser caller, @RequestBody(required = false) DeductRequest body) {
        return new Credits(admin.deductCredits(caller, body == null ? null : body.userId(),
                body == null ? null : body.amount(), body == null ? null : body.requestId()));
    }
}
