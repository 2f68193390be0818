package io.parley.auth.account;

import io.parley.auth.AuthProperties;
import io.parley.auth.SignInProperties;
import io.parley.common.error.ApiException;
import io.parley.common.events.AccountEvents;
import io.parley.common.events.UserDeleted;
import io.parley.common.redis.Revocations;
import io.parley.common.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A person deletes their own account: every service erases their data (through {@link AccountEvents}),
 * and auth-service its own at once, so the account cannot sign in or refresh a token any more.
 */
@Service
class AccountDeletion {

    static final String NOT_ALLOWED = "You do not have permission to delete this account";

    private static final Logger log = LoggerFactory.getLogger(AccountDeletion.class);

    private final AccountEvents events;
    private final AuthAccountEraser eraser;
    private final SignInProperties signIn;
    private final Revocations revocations;
    private final AuthProperties properties;

    AccountDeletion(AccountEvents events, AuthAccountEraser eraser, SignInProperties signIn, Revocations revocations,
                    AuthProperties properties) {
        this.events = events;
        this.eraser = eraser;
        this.signIn = signIn;
        this.revocations = revocations;
        this.properties = properties;
    }

    /**
     * @throws ApiException.Forbidden when {@code ALLOW_ACCOUNT_DELETION=false} and the caller is no
     *                                ADMIN (LibreChat's {@code canDeleteAccount} lets admins through)
     */
    void requireAllowed(CurrentUser caller) {
        if (!signIn.allowAccountDeletion() && !caller.isAdmin()) {
            log.info("Account deletion refused (ALLOW_ACCOUNT_DELETION=false) tenant_id={} user_id={}",
                    caller.tenantId(), caller.id());
            throw new ApiException.Forbidden(NOT_ALLOWED);
        }
    }

    /**
     * Also for an account already gone: a request repeated after a failure (or a crash between the
     * two steps below) publishes again and finds nothing left here, which every eraser tolerates.
     *
     * @throws ApiException.Forbidden   when {@code ALLOW_ACCOUNT_DELETION=false} and the caller is no
     *                                  ADMIN (LibreChat's {@code canDeleteAccount} lets admins through)
     * @throws ApiException.Unavailable when the event could not be published (Redis unreachable, or,
     *                                  without Redis, this process's erasure failed): the request may be
     *                                  repeated; with Redis nothing was deleted
     */
    void deleteOwnAccount(CurrentUser caller) {
        requireAllowed(caller);
        delete(caller.tenantId(), caller.id());
    }

    /**
     * Deletes the account {@code userId} of {@code tenantId} everywhere, for its owner or for an admin
     * ({@link Accounts#delete}).
     *
     * @throws ApiException.Unavailable as {@link #deleteOwnAccount}
     */
    void delete(String tenantId, String userId) {
        // The event first: once it is stored every service erases the account, even if this process
        // stops right after; the other way round, a crash would leave other services' data with nobody
        // left to ask for its deletion.
        UserDeleted event = UserDeleted.of(tenantId, userId);
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            log.warn("Account deletion failed: its event was not published event_id={} tenant_id={} user_id={}",
                    event.eventId(), tenantId, userId, e);
            throw new ApiException.Unavailable("The account could not be deleted right now. Please try again.");
        }
        eraser.erase(tenantId, userId);
        revokeTokens(tenantId, userId);
        log.info("Account deleted event_id={} tenant_id={} user_id={}", event.eventId(), tenantId, userId);
    }

    /**
     * Last, so that a failure before it leaves a token to ask again with: from here on the gateway
     * refuses the account's tokens, so that nothing new is stored for it after the erasure.
     */
    private void revokeTokens(String tenantId, String userId) {
        try {
            revocations.revokeUser(tenantId, userId, properties.sessionExpiry().plusMinutes(1))
                    .toCompletableFuture().join();
        } catch (RuntimeException e) {
            log.warn("Tokens of a deleted account not revoked; they stay usable until they expire tenant_id={} user_id={}",
                    tenantId, userId, e);
        }
    }
}
