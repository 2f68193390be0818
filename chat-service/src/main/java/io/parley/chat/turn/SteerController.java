package io.parley.chat.turn;

import io.parley.common.security.CurrentUser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's steering routes: {@code POST /api/agents/chat/steer} (and {@code /steer/cancel},
 * {@code /steer/arm}). Mapped by name, so they are never read as {@code /api/agents/chat/:endpoint}.
 * Refusals are LibreChat's {@code code} (which its client acts on) beside the usual {@code error} and
 * {@code message}.
 */
@RestController
class SteerController {

    private final Steering steering;

    SteerController(Steering steering) {
        this.steering = steering;
    }

    @PostMapping("/api/agents/chat/steer")
    ResponseEntity<Map<String, Object>> steer(CurrentUser caller,
                                              @RequestBody(required = false) Steering.@Nullable SteerRequest body) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(steering.steer(caller, body != null ? body
                : new Steering.SteerRequest(null, null, null, null, null, null)));
    }

    @PostMapping("/api/agents/chat/steer/cancel")
    Map<String, Object> cancel(CurrentUser caller, @RequestBody(required = false) Steering.@Nullable CancelRequest body) {
        return steering.cancel(caller, body != null ? body : new Steering.CancelRequest(null, null, null, null));
    }

    @PostMapping("/api/agents/chat/steer/arm")
    Map<String, Object> arm(CurrentUser caller, @RequestBody(required = false) Steering.@Nullable ArmRequest body) {
        return steering.arm(caller, body != null ? body : new Steering.ArmRequest(null, null, null));
    }

    @ExceptionHandler(Steering.Refused.class)
    ResponseEntity<Map<String, Object>> refused(Steering.Refused refused) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", switch (refused.status) {
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 429 -> "rate_limited";
            default -> "invalid_request";
        });
        body.put("message", refused.getMessage());
        body.put("code", refused.code);
        body.putAll(refused.extra);
        body.put("generationProtocolVersion", TurnEvents.PROTOCOL_VERSION);
        return ResponseEntity.status(refused.status).body(body);
    }
}
