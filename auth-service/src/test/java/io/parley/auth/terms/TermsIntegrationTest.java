package io.parley.auth.terms;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;

/** {@code /api/user/terms} over real HTTP: the caller's own acceptance of the terms. */
class TermsIntegrationTest extends AuthIntegrationTest {

    private String tokenIn(String tenant) {
        return signedIn("X-Parley-Tenant", tenant).json().get("token").asString();
    }

    private Http.Response get(String path, String token) {
        return http.get(path, "Authorization", "Bearer " + token);
    }

    @Test
    void termsAreUnacceptedUntilThePersonAcceptsThem() {
        String ann = tokenIn(uniqueTenant());

        Http.Response before = get("/api/user/terms", ann);
        boolean shownBefore = get("/api/user", ann).json().get("termsAccepted").asBoolean();
        Http.Response accepted = http.post("/api/user/terms/accept", null, "Authorization", "Bearer " + ann);

        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().get("termsAccepted").asBoolean()).isFalse();
        assertThat(shownBefore).isFalse();
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("message").asString()).isEqualTo("Terms accepted successfully");
        assertThat(get("/api/user/terms", ann).json().get("termsAccepted").asBoolean()).isTrue();
        assertThat(get("/api/user", ann).json().get("termsAccepted").asBoolean()).isTrue();
    }

    @Test
    void acceptingAgainStillAnswersSuccess() {
        String ann = tokenIn(uniqueTenant());
        http.post("/api/user/terms/accept", "{}", "Authorization", "Bearer " + ann);

        Http.Response again = http.post("/api/user/terms/accept", "{}", "Authorization", "Bearer " + ann);

        assertThat(again.status()).isEqualTo(200);
        assertThat(get("/api/user/terms", ann).json().get("termsAccepted").asBoolean()).isTrue();
    }

    @Test
    void acceptingChangesNoOtherPersonOfAnyTenant() {
        String tenant = uniqueTenant();
        String ann = tokenIn(tenant);
        String bob = tokenIn(tenant);
        String carol = tokenIn(uniqueTenant());

        http.post("/api/user/terms/accept", null, "Authorization", "Bearer " + ann);

        assertThat(get("/api/user/terms", bob).json().get("termsAccepted").asBoolean()).isFalse();
        assertThat(get("/api/user/terms", carol).json().get("termsAccepted").asBoolean()).isFalse();
    }

    @Test
    void withoutATokenIs401() {
        assertThat(http.get("/api/user/terms").status()).isEqualTo(401);
        assertThat(http.post("/api/user/terms/accept", null).status()).isEqualTo(401);
    }
}
