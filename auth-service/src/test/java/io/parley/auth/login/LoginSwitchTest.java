package io.parley.auth.login;

import io.parley.auth.ban.SignInBans;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.parley.auth.AuthProperties;
import io.parley.auth.password.PasswordHasher;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginSwitchTest {

    @Test
    void withEmailLoginOffNoPasswordIsEvenLookedUp() {
        Users users = mock(Users.class);
        AuthProperties noEmailLogin = new AuthProperties(Duration.ofMinutes(15), Duration.ofDays(7), true, false, true, 8, "",
                Duration.ofDays(30));
        Login login = new Login(users, new PasswordHasher(), noEmailLogin, Optional.empty(), mock(SignInBans.class),
                mock(io.parley.auth.audit.AuditTrail.class));

        assertThatThrownBy(() -> login.authenticate("default", "a@example.com", "Correct-Horse-9"))
                .isInstanceOf(ApiException.Forbidden.class).hasMessage("Email login is not allowed.");
        verifyNoInteractions(users);
    }
}
