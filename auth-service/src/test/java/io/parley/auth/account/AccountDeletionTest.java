package io.parley.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.parley.auth.AuthProperties;
import io.parley.auth.SignInProperties;
import io.parley.common.error.ApiException;
import io.parley.common.events.AccountEvents;
import io.parley.common.events.UserDeleted;
import io.parley.common.redis.LocalWindowCounter;
import io.parley.common.redis.Revocations;
import io.parley.common.security.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class AccountDeletionTest {

    private static final CurrentUser ANN = new CurrentUser("6b0b8fc4e7248b5fab1926da", "acme", "USER", "ann@example.com",
            "ann", "local", "session-1");

    private final AccountEvents events = mock(AccountEvents.class);
    private final AuthAccountEraser eraser = mock(AuthAccountEraser.class);

    private final Revocations revocations = new Revocations(new LocalWindowCounter(Clock.systemUTC()));

    private AccountDeletion deletion(boolean allowed) {
        return new AccountDeletion(events, eraser, new SignInProperties(false, false, allowed, null, null, null, null,
                null, null, null, null, null), revocations,
                new AuthProperties(Duration.ofMinutes(15), Duration.ofDays(7), true, true, true, null, "", Duration.ofDays(30)));
    }

    private boolean revoked() {
        return revocations.isRevoked("acme", ANN.id()).toCompletableFuture().join();
    }

    @Test
    void theEventIsPublishedBeforeAuthServiceErasesItsOwnData() {
        deletion(true).deleteOwnAccount(ANN);

        InOrder order = inOrder(events, eraser);
        order.verify(events).publish(any(UserDeleted.class));
        order.verify(eraser).erase("acme", ANN.id());
        assertThat(revoked()).as("the account's tokens are refused from now on").isTrue();
    }

    @Test
    void whenTheEventCannotBePublishedNothingIsErasedAndTheCallerMayTryAgain() {
        doThrow(new IllegalStateException("Redis unreachable")).when(events).publish(any());

        assertThatThrownBy(() -> deletion(true).deleteOwnAccount(ANN)).isInstanceOf(ApiException.Unavailable.class);
        verifyNoInteractions(eraser);
        assertThat(revoked()).as("the token still works to ask again").isFalse();
    }

    @Test
    void aRefusedDeletionPublishesAndErasesNothing() {
        assertThatThrownBy(() -> deletion(false).deleteOwnAccount(ANN)).isInstanceOf(ApiException.Forbidden.class);
        verifyNoInteractions(events, eraser);
        assertThat(revoked()).isFalse();
    }
}
