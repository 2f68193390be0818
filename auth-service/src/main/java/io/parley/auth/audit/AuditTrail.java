package io.parley.auth.audit;

import io.parley.common.edge.EdgeHeaders;
import io.parley.common.request.RequestIds;
import io.parley.common.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where features record what happened. {@link #record} stores the event before it returns, so an action that
 * answers has its entry; chaining follows at once on another thread ({@link AuditChainer}). The request the
 * action came in on (its id, the client's address as the gateway saw it, the user agent) is taken from the
 * current request, when there is one.
 */
@Service
public class AuditTrail {

    private static final int MAX_TEXT = 256;

    private final AuditLogStore store;
    private final AuditChainer chainer;
    private final Clock clock = Clock.systemUTC();

    AuditTrail(AuditLogStore store, AuditChainer chainer) {
        this.store = store;
        this.chainer = chainer;
    }

    public void record(AuditEvent event) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        store.park(new PendingAuditEntry(new ObjectId(), event.tenantId(), event.action().wire(),
                event.outcome().wire(), clip(event.actor()), clip(event.target()), event.metadata(), context(), now));
        chainer.drainSoon();
    }

    /** The caller as an actor: an operator's token is no person. */
    public static AuditEvent.Actor actor(CurrentUser caller) {
        if (caller.isOperator()) {
            return AuditEvent.Actor.operator();
        }
        String name = caller.username() != null && !caller.username().isBlank() ? caller.username()
                : caller.email() != null ? caller.email() : caller.id();
        return AuditEvent.Actor.user(caller.id(), name);
    }

    private static AuditEvent.Actor clip(AuditEvent.Actor actor) {
        return new AuditEvent.Actor(actor.type(), actor.id(), clip(actor.name()));
    }

    private static AuditEvent.Target clip(AuditEvent.Target target) {
        return new AuditEvent.Target(target.type(), target.id(), clip(target.name()));
    }

    private static AuditEntry.@Nullable Context context() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return null;
        }
        HttpServletRequest request = attributes.getRequest();
        return new AuditEntry.Context(MDC.get(RequestIds.MDC_KEY), clip(request.getHeader(EdgeHeaders.CLIENT_IP)),
                clip(request.getHeader("User-Agent")));
    }

    private static @Nullable String clip(@Nullable String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
