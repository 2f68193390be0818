package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A person's whole sign-in life cycle through the gateway. */
class AuthFlowE2ETest extends E2ETest {

    @Test
    void registerLoginUseRefreshDetectReuseAndLogout() {
        String email = uniqueEmail();
        Http.Response registered = register(email);
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.json().get("message").asString()).isEqualTo("Please check your email to verify your email address.");

        Http.Response login = login(email, PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().at("/user/email").asString()).isEqualTo(email);
        String firstCookie = login.cookie("refreshToken");
        assertThat(login.setCookies("refreshToken")).singleElement().asString().contains("HttpOnly").contains("SameSite=Strict");

        Http.Response me = get("/api/user", "Authorization", bearer(login));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("email").asString()).isEqualTo(email);

        Http.Response refreshed = post("/api/auth/refresh", null, "Cookie", "refreshToken=" + firstCookie);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("token").asString()).isNotEqualTo(login.json().get("token").asString());
        String rotatedCookie = refreshed.cookie("refreshToken");
        assertThat(rotatedCookie).isNotEqualTo(firstCookie);
        assertThat(get("/api/user", "Authorization", bearer(refreshed)).status()).isEqualTo(200);

        Http.Response reuse = post("/api/auth/refresh", null, "Cookie", "refreshToken=" + firstCookie);
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.json().get("error").asString()).isEqualTo("refresh_token_reused");
        assertThat(post("/api/auth/refresh", null, "Cookie", "refreshToken=" + rotatedCookie).status())
                .as("the whole family is revoked").isEqualTo(401);

        Http.Response again = login(email, PASSWORD);
        Http.Response logout = post("/api/auth/logout", null, "Authorization", bearer(again),
                "Cookie", "refreshToken=" + again.cookie("refreshToken"));
        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.json().get("message").asString()).isEqualTo("Logout successful");
        assertThat(post("/api/auth/refresh", null, "Cookie", "refreshToken=" + again.cookie("refreshToken")).status())
                .isEqualTo(401);
    }

    @Test
    void anEndedSessionsAccessTokenIsRefusedEverywhereWithinASecond() {
        String email = uniqueEmail();
        register(email);

        Http.Response loggedOut = login(email, PASSWORD);
        Http.Response other = login(email, PASSWORD);
        assertThat(get("/api/convos", "Authorization", bearer(loggedOut)).status()).isEqualTo(200);
        assertThat(post("/api/auth/logout", null, "Authorization", bearer(loggedOut),
                "Cookie", "refreshToken=" + loggedOut.cookie("refreshToken")).status()).isEqualTo(200);
        assertRefusedWithinASecond(loggedOut);
        assertThat(get("/api/user", "Authorization", bearer(other)).status()).as("another session goes on").isEqualTo(200);

        Http.Response replayed = login(email, PASSWORD);
        post("/api/auth/refresh", null, "Cookie", "refreshToken=" + replayed.cookie("refreshToken"));
        Http.Response rotated = post("/api/auth/refresh", null, "Cookie", "refreshToken=" + replayed.cookie("refreshToken"));
        assertThat(rotated.status()).as("a replayed refresh token").isEqualTo(401);
        assertRefusedWithinASecond(replayed);
    }

    private void assertRefusedWithinASecond(Http.Response session) {
        // Standings.FRESH_FOR is a second; the deadline leaves room for a loaded machine.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(3))
                .until(() -> get("/api/user", "Authorization", bearer(session)).status() == 401);
        for (String path : new String[] {"/api/user", "/api/convos", "/api/agents", "/api/files", "/api/mcp/tools"}) {
            Http.Response refused = get(path, "Authorization", bearer(session));
            assertThat(refused.status()).as(path).isEqualTo(401);
            assertThat(refused.json().get("message").asString()).as(path).isEqualTo("The session has ended");
        }
    }

    @Test
    void everyServiceVerifiesTheTokenItselfAndAnswersUnknownPathsWithJson404() {
        String email = uniqueEmail();
        register(email);
        Http.Response login = login(email, PASSWORD);
        String forged = io.parley.common.test.Tokens.unsigned(login.json().get("token").asString());
        Map<String, String> protectedRoute = Map.of("auth-service", "/api/user", "chat-service", "/api/convos",
                "agent-service", "/api/agents", "file-service", "/api/files", "mcp-service", "/api/mcp/servers");
        for (String service : ParleySystem.services()) {
            // Straight to the service, vouched for as the gateway would: the service's own check refuses.
            Http direct = new Http(ParleySystem.serviceUrl(service));
            String path = protectedRoute.get(service);
            assertThat(direct.get(path, "Authorization", "Bearer " + forged).status()).as(service + " forged").isEqualTo(401);
            assertThat(direct.get(path).status()).as(service + " no token").isEqualTo(401);
            assertThat(direct.get(path, "Authorization", bearer(login)).status()).as(service + " valid").isEqualTo(200);
        }
        for (String path : new String[] {"/api/convos/unknown/route", "/api/agents/unknown/route/x", "/api/files/unknown/x",
                "/api/mcp/unknown", "/api/user/unknown"}) {
            Http.Response response = get(path, "Authorization", bearer(login));
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.json().get("error").asString()).as(path).isEqualTo("not_found");
        }
    }

    @Test
    void theGatewayAnswersHealthForLoadBalancers() {
        assertThat(get("/health").body()).isEqualTo("OK");
    }
}
