package io.parley.auth.login;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends every login session of a user at once (after a password reset, say): no refresh token of
 * theirs works again. Access tokens already issued stay valid until they expire, as in LibreChat.
 */
@Component
public class SessionRevocation {

    private static final Logger log = LoggerFactory.getLogger(SessionRevocation.class);

    private final SessionStore sessions;

    SessionRevocation(SessionStore sessions) {
        this.sessions = sessions;
    }

    /** @param reason kept on each session, e.g. {@code password reset} */
    public void revokeAll(String tenantId, String userId, String reason) {
        long revoked = sessions.revokeAllOf(tenantId, userId, reason, Instant.now());
        log.info("Sessions revoked tenant_id={} user_id={} count={} reason={}", tenantId, userId, revoked, reason);
    }
}
