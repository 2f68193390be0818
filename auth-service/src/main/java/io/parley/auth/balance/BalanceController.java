package io.parley.auth.balance;

import io.parley.common.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code GET /api/balance} (v0.8.7): 204 when balance checking is off. A user without a
 * record gets one with the start balance, as LibreChat's login would have made, rather than a 404.
 */
@RestController
class BalanceController {

    private final TokenAccounting accounting;

    BalanceController(TokenAccounting accounting) {
        this.accounting = accounting;
    }

    @GetMapping({"/api/balance", "/api/balance/"})
    ResponseEntity<BalanceView> balance(CurrentUser caller) {
        return accounting.current(caller).map(BalanceView::of).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }
}
