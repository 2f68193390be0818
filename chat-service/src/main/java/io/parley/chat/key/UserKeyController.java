package io.parley.chat.key;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** LibreChat's {@code /api/keys} ({@code api/server/routes/keys.js}): save, check the expiry of and delete one's own keys. */
@RestController
@RequestMapping("/api/keys")
class UserKeyController {

    private final UserKeys keys;

    UserKeyController(UserKeys keys) {
        this.keys = keys;
    }

    /** @param expiresAt the ISO expiry, {@code "never"}, or null when there is no key; never the value */
    record Expiry(@Nullable String expiresAt) {
    }

    @PutMapping({"", "/"})
    ResponseEntity<Void> save(CurrentUser caller, @RequestBody UserKeyRequest body) {
        keys.save(caller, body);
        return ResponseEntity.status(201).build();
    }

    @GetMapping({"", "/"})
    Expiry expiry(CurrentUser caller, @RequestParam(required = false) @Nullable String name) {
        return new Expiry(keys.expiresAt(caller, name));
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(CurrentUser caller, @PathVariable String name) {
        keys.delete(caller, name);
        return ResponseEntity.noContent().build();
    }

    /** Only with {@code all=true}, LibreChat's guard against deleting everything by accident. */
    @DeleteMapping({"", "/"})
    ResponseEntity<Void> deleteAll(CurrentUser caller, @RequestParam(required = false) @Nullable String all) {
        if (!"true".equals(all)) {
            throw new ApiException.Invalid("Specify either all=true to delete.");
        }
        keys.deleteAll(caller.tenantId(), caller.id());
        return ResponseEntity.noContent().build();
    }
}
