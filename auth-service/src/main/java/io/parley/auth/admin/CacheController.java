package io.parley.auth.admin;

import io.parley.common.security.CurrentUser;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/admin/cache/flush {dryRun?}}: ADMIN only; what is flushed is {@link CacheFlush}'s. */
@RestController
class CacheController {

    private final CacheFlush flush;

    CacheController(CacheFlush flush) {
        this.flush = flush;
    }

    record FlushRequest(Boolean dryRun) {
    }

    @PostMapping("/api/admin/cache/flush")
    CacheFlush.Flushed flush(CurrentUser caller, @RequestBody(required = false) FlushRequest body) {
        return flush.flush(caller, body != null && Boolean.TRUE.equals(body.dryRun()));
    }
}
