package io.parley.chat.fork;

import io.parley.common.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** LibreChat's {@code POST /api/convos/fork} and {@code /duplicate}. */
@RestController
class ForkController {

    private final Forks forks;

    ForkController(Forks forks) {
        this.forks = forks;
    }

    record ForkRequest(String conversationId, String messageId, String option, Boolean splitAtTarget, String latestMessageId) {
    }

    @PostMapping("/api/convos/fork")
    Forks.Forked fork(CurrentUser caller, @RequestBody ForkRequest body) {
        return forks.fork(caller, body.conversationId(), body.messageId(), body.option(),
                Boolean.TRUE.equals(body.splitAtTarget()), body.latestMessageId());
    }

    record DuplicateRequest(String conversationId, String title) {
    }

    @PostMapping("/api/convos/duplicate")
    ResponseEntity<Forks.Forked> duplicate(CurrentUser caller, @RequestBody DuplicateRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(forks.duplicate(caller, body.conversationId(), body.title()));
    }
}
