package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;

/** The specification's login limit, counted in the run's Redis by the gateway. */
class LoginLimitE2ETest extends E2ETest {

    @Test
    void theSixthLoginTryWithinFifteenMinutesIs429() {
        String email = uniqueEmail();
        register(email);
        for (int attempt = 1; attempt <= 5; attempt++) {
            int status = login(email, attempt == 5 ? PASSWORD : "Wrong-Horse-9").status();
            assertThat(status).as("attempt %d", attempt).isEqualTo(attempt == 5 ? 200 : 401);
        }
        Http.Response sixth = login(email, PASSWORD);

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.json().get("message").asString()).isEqualTo("Too many login attempts, please try again after 15 minutes.");
        assertThat(sixth.header("Retry-After")).isPresent();
    }
}
