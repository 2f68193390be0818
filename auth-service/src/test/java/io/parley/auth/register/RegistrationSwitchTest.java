package io.parley.auth.register;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.parley.auth.AuthProperties;
import io.parley.auth.SignInProperties;
import io.parley.auth.password.PasswordHasher;
import io.parley.auth.user.TenantFounders;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.mongodb.core.MongoTemplate;

class RegistrationSwitchTest {

    @Test
    void withAllowRegistrationOffNothingIsCheckedOrStored() {
        Users users = mock(Users.class);
        MongoTemplate mongo = mock(MongoTemplate.class);
        AuthProperties closed = new AuthProperties(Duration.ofMinutes(15), Duration.ofDays(7), false, true, true, 8, "",
                Duration.ofDays(30));
        Registration registration = new Registration(users, new PasswordHasher(), new TenantFounders(users, mongo), closed,
                unset(SignInProperties.class, "parley.auth.sign-in"), event -> { },
                mock(Invitations.class));

        assertThatThrownBy(() -> registration.register("default",
                new RegisterRequest("Test Person", null, "a@example.com", "Correct-Horse-9", "Correct-Horse-9")))
                .isInstanceOfSatisfying(ApiException.Forbidden.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).isEqualTo("Registration is not allowed."));
        verifyNoInteractions(users, mongo);
    }

    @Test
    void minPasswordLengthIsTheOperators() {
        RegistrationRules rules = new RegistrationRules(12);
        assertThatThrownBy(() -> rules.check(new RegisterRequest("Test Person", null, "a@example.com", "elevenchars", "elevenchars")))
                .isInstanceOf(ApiException.Invalid.class).hasMessageContaining("12 to 128");
    }

    /** The properties as bound with nothing set: every default. */
    private static <T> T unset(Class<T> type, String prefix) {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate(prefix, type);
    }
}
