package io.parley.mcp.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Signing in to an MCP server that requires OAuth, from the first tool call to the tokens, and every way it must not go. */
class SignInIntegrationTest extends OAuthIntegrationTest {

    @Test
    void aToolCallStartsTheSignInAndAfterTheCallbackCarriesThePersonsToken() {
        Person alice = user();
        int registered = AUTHORIZATION.registrations.size();

        Http.Response first = whoami(alice, "secure");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode result = first.json();
        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(result.at("/content/0/text").asString()).contains("Sign-in to MCP server 'secure' is required");
        String authUrl = result.at("/signIn/authUrl").asString();
        assertThat(result.at("/signIn/flowId").asString()).isEqualTo(alice.id() + ":secure");
        assertThat(result.at("/signIn/expiresAt").asLong()).isGreaterThan(System.currentTimeMillis());
        assertThat(AUTHORIZATION.registrations).as("a client registered dynamically (RFC 7591)").hasSize(registered + 1);
        assertThat(AUTHORIZATION.registrations.getLast().body()).contains(DOMAIN_SERVER + "/api/mcp/secure/oauth/callback");
        // discovered through the server's 401 and its metadata (RFC 9728, RFC 8414); PKCE S256; RFC 8707 resource
        assertThat(authUrl).startsWith(AUTHORIZATION.issuer("dcr") + "/authorize?").contains("code_challenge_method=S256")
                .contains("resource=" + java.net.URLEncoder.encode(PROTECTED.url(), StandardCharsets.UTF_8))
                .contains("scope=openid+mcp%3Atools").contains("redirect_uri=" + java.net.URLEncoder.encode(
                        DOMAIN_SERVER + "/api/mcp/secure/oauth/callback", StandardCharsets.UTF_8));

        JsonNode status = get(alice, "/api/mcp/connection/status").json().at("/connectionStatus/secure");
        assertThat(status.get("requiresOAuth").asBoolean()).isTrue();
        assertThat(status.get("connectionState").asString()).isEqualTo("disconnected");
        assertThat(get(alice, "/api/mcp/tools").json().at("/servers/secure/authenticated").asBoolean()).isFalse();

        Started started = reinitialize(alice, "secure");
        assertThat(started.oauthUrl()).as("the pending sign-in is handed out again").isEqualTo(authUrl);
        assertThat(started.flowId()).isEqualTo(alice.id() + ":secure");
        assertThat(get(alice, "/api/mcp/oauth/status/" + started.flowId()).json().get("status").asString()).isEqualTo("PENDING");

        Http.Response back = callback(authorize(started.oauthUrl()), started.cookie());
        assertThat(back.status()).as(back.body()).isEqualTo(302);
        assertThat(back.header("Location").orElseThrow()).contains("/oauth/success?serverName=secure");
        assertThat(back.setCookies(started.cookie().substring(0, started.cookie().indexOf('=')))).as("the binding is used up")
                .anySatisfy(c -> assertThat(c).contains("Max-Age=0"));
        JsonNode done = get(alice, "/api/mcp/oauth/status/" + started.flowId()).json();
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("completed").asBoolean()).isTrue();

        Http.Response call = whoami(alice, "secure");
        assertThat(call.status()).as(call.body()).isEqualTo(200);
        assertThat(call.json().get("isError").asBoolean()).as(call.body()).isFalse();
        assertThat(call.json().at("/content/0/text").asString()).startsWith("signed in as ");
        String token = PROTECTED.lastToken();
        assertThat(token).isNotBlank();
        assertThat(get(alice, "/api/mcp/tools").json().at("/servers/secure/authenticated").asBoolean()).isTrue();
        assertThat(post(alice, "/api/mcp/secure/reinitialize", "").json().get("oauthRequired").asBoolean()).isFalse();

        // stored sealed: neither token in the clear, and the browser never gets them
        List<Document> stored = mongo.find(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("userId").is(alice.id())), Document.class, "mcp_oauth_tokens");
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().toJson()).doesNotContain(token).doesNotContain(token.substring(10, 40));
        Http.Response tokens = get(alice, "/api/mcp/oauth/tokens/" + started.flowId());
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(tokens.json().at("/tokens/token_type").asString()).isEqualTo("Bearer");
        assertThat(tokens.json().at("/tokens/refreshable").asBoolean()).isTrue();
        assertThat(tokens.body()).doesNotContain(token);

        Person bob = user();
        Http.Response bobs = whoami(bob, "secure");
        assertThat(bobs.json().get("isError").asBoolean()).as("alice's sign-in is alice's only").isTrue();
        assertThat(bobs.json().at("/signIn/flowId").asString()).isEqualTo(bob.id() + ":secure");
    }

    @Test
    void anOperatorsRegisteredClientSignsInWithItsSecretAndNothingIsDiscovered() {
        Person alice = user();
        int registered = AUTHORIZATION.registrations.size();
        Started started = reinitialize(alice, "secure-pre");
        assertThat(started.oauthUrl()).startsWith(AUTHORIZATION.issuer("pre") + "/authorize?").contains("client_id=parley-test")
                .contains("scope=openid+mcp%3Atools+offline_access").contains("code_challenge=");

        assertThat(callback(authorize(started.oauthUrl()), started.cookie()).header("Location").orElseThrow())
                .contains("/oauth/success?serverName=secure-pre");
        AuthorizationServer.Seen exchange = AUTHORIZATION.tokenRequests.getLast();
        assertThat(exchange.path()).isEqualTo("/pre/token");
        assertThat(exchange.body()).contains("grant_type=authorization_code").contains("code_verifier=");
        assertThat(exchange.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                "parley-test:parley-test-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(AUTHORIZATION.registrations).hasSize(registered);
        assertThat(whoami(alice, "secure-pre").json().get("isError").asBoolean()).isFalse();
    }

    @Test
    void aStrangerCanNeitherCompleteNorReadNorCancelAnotherPersonsSignIn() {
        Person alice = user();
        Person mallory = user();
        Started started = reinitialize(alice, "secure");
        String location = authorize(started.oauthUrl());

        assertThat(get(mallory, "/api/mcp/oauth/status/" + started.flowId()).status()).isEqualTo(404);
        assertThat(get(mallory, "/api/mcp/oauth/tokens/" + started.flowId()).status()).isEqualTo(404);
        assertThat(post(mallory, "/api/mcp/oauth/cancel/secure", "").json().get("message").asString())
                .isEqualTo("No active OAuth flow to cancel");

        // alice's link (and code) opened in another browser: without alice's cookie, or with mallory's own
        Started mallorys = reinitialize(mallory, "secure");
        for (String[] cookies : List.of(new String[0], new String[] {mallorys.cookie()})) {
            Http.Response stolen = callback(location, cookies);
            assertThat(stolen.status()).isEqualTo(302);
            assertThat(stolen.header("Location").orElseThrow()).contains("/oauth/error?error=csrf_validation_failed");
        }
        assertThat(storedTokens(alice)).isZero();
        assertThat(storedTokens(mallory)).isZero();
        assertThat(get(alice, "/api/mcp/oauth/status/" + started.flowId()).json().get("status").asString()).isEqualTo("PENDING");

        assertThat(callback(location, started.cookie()).header("Location").orElseThrow()).contains("/oauth/success");
        assertThat(storedTokens(alice)).isEqualTo(1);
        assertThat(storedTokens(mallory)).isZero();
    }

    @Test
    void aCallbackWithAWrongOrUsedStateChangesNothing() {
        Person alice = user();
        Started started = reinitialize(alice, "secure");
        String location = authorize(started.oauthUrl());
        String realState = URI.create(location).getQuery().replaceAll(".*state=([^&]*).*", "$1");
        String wrong = location.replace("state=" + realState, "state=" + SignIns.random());

        Http.Response forged = callback(wrong, started.cookie());
        assertThat(forged.header("Location").orElseThrow()).contains("/oauth/error?error=invalid_state");
        assertThat(storedTokens(alice)).isZero();
        assertThat(get(alice, "/api/mcp/oauth/status/" + started.flowId()).json().get("status").asString()).isEqualTo("PENDING");

        assertThat(callback(location, started.cookie()).header("Location").orElseThrow()).contains("/oauth/success");
        Http.Response again = callback(location, started.cookie());
        assertThat(again.header("Location").orElseThrow()).as("a state works once").contains("/oauth/error?error=invalid_state");
        assertThat(storedTokens(alice)).isEqualTo(1);
    }

    @Test
    void theAuthorizationServersRefusalEndsTheSignInWithLibreChatsErrorPage() {
        Person alice = user();
        Started started = reinitialize(alice, "secure");
        String state = URI.create(started.oauthUrl()).getQuery().replaceAll(".*state=([^&]*).*", "$1");
        Http.Response declined = callback("/api/mcp/secure/oauth/callback?error=access_denied&state=" + state, started.cookie());
        assertThat(declined.header("Location").orElseThrow()).contains("/oauth/error?error=access_denied");
        JsonNode status = get(alice, "/api/mcp/oauth/status/" + started.flowId()).json();
        assertThat(status.get("status").asString()).isEqualTo("FAILED");
        assertThat(status.get("error").asString()).isEqualTo("access_denied");
        assertThat(storedTokens(alice)).isZero();
    }

    @Test
    void malformedCallbacksAre400UnknownServersAre404AndNothingIsStored() {
        Person alice = user();
        Started started = reinitialize(alice, "secure");
        String location = authorize(started.oauthUrl());
        String query = URI.create(location).getRawQuery();
        String state = URI.create(location).getQuery().replaceAll(".*state=([^&]*).*", "$1");

        for (String path : List.of("/api/mcp/secure/oauth/callback", "/api/mcp/secure/oauth/callback?code=abc",
                "/api/mcp/secure/oauth/callback?state=" + state, "/api/mcp/secure/oauth/callback?code=abc&state=short",
                "/api/mcp/secure/oauth/callback?code=a%0Ab&state=" + state,
                "/api/mcp/secure/oauth/callback?code=" + "x".repeat(2049) + "&state=" + state)) {
            Http.Response malformed = http.get(path, "Cookie", started.cookie());
            assertThat(malformed.status()).as(path).isEqualTo(400);
            assertThat(malformed.json().get("error").asString()).isEqualTo("invalid_request");
        }
        Http.Response elsewhere = http.get("/api/mcp/ghost/oauth/callback?" + query, "Cookie", started.cookie());
        assertThat(elsewhere.status()).as("a real state on another server's callback").isEqualTo(404);
        assertThat(http.get("/api/mcp/%20bad/oauth/callback?" + query).status()).isEqualTo(404);

        assertThat(post(alice, "/api/mcp/ghost/reinitialize", "").status()).isEqualTo(404);
        assertThat(get(alice, "/api/mcp/ghost/oauth/initiate").status()).isEqualTo(404);
        assertThat(post(alice, "/api/mcp/ghost/oauth/bind", "").status()).isEqualTo(404);
        assertThat(post(alice, "/api/mcp/oauth/cancel/ghost", "").status()).isEqualTo(404);
        assertThat(get(alice, "/api/mcp/oauth/status/" + alice.id() + ":ghost").status()).isEqualTo(404);
        assertThat(get(alice, "/api/mcp/oauth/status/garbage").status()).isEqualTo(404);
        Http.Response notOAuth = get(alice, "/api/mcp/down/oauth/initiate");
        assertThat(notOAuth.status()).isEqualTo(400);
        assertThat(notOAuth.json().get("error").asString()).isEqualTo("oauth_not_required");
        assertThat(get(alice, "/api/mcp/secure/oauth/initiate?userId=someone-else").status()).isEqualTo(403);

        assertThat(storedTokens(alice)).isZero();
        assertThat(get(alice, "/api/mcp/oauth/status/" + started.flowId()).json().get("status").asString()).isEqualTo("PENDING");
        assertThat(callback(location, started.cookie()).header("Location").orElseThrow()).as("the sign-in still works").contains("/oauth/success");
    }

    @Test
    void everyRouteButTheCallbackNeedsAToken() {
        for (String[] route : List.of(new String[] {"POST", "/api/mcp/secure/reinitialize"},
                new String[] {"GET", "/api/mcp/secure/oauth/initiate"}, new String[] {"POST", "/api/mcp/secure/oauth/bind"},
                new String[] {"GET", "/api/mcp/oauth/status/x:secure"}, new String[] {"GET", "/api/mcp/oauth/tokens/x:secure"},
                new String[] {"POST", "/api/mcp/oauth/cancel/secure"})) {
            assertThat(http.send(route[0], route[1], route[0].equals("POST") ? "" : null).status()).as(route[1]).isEqualTo(401);
        }
    }

    @Test
    void initiateSendsTheBrowserToTheAuthorizationServerAndBindKeepsTheSameSignIn() {
        Person alice = user();
        Http.Response initiate = get(alice, "/api/mcp/secure/oauth/initiate?userId=" + alice.id());
        assertThat(initiate.status()).isEqualTo(302);
        String authUrl = initiate.header("Location").orElseThrow();
        assertThat(authUrl).startsWith(AUTHORIZATION.issuer("dcr") + "/authorize?");

        Http.Response bind = post(alice, "/api/mcp/secure/oauth/bind", "");
        assertThat(bind.status()).isEqualTo(200);
        String cookie = bind.headers().allValues("Set-Cookie").getFirst();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/api/mcp");
        assertThat(callback(authorize(authUrl), cookie.substring(0, cookie.indexOf(';'))).header("Location").orElseThrow())
                .contains("/oauth/success");

        assertThat(post(alice, "/api/mcp/secure/oauth/bind", "").status()).as("nothing pending any more").isEqualTo(404);
    }

    @Test
    void aCancelledSignInCannotBeCompleted() {
        Person alice = user();
        Started started = reinitialize(alice, "secure");
        String location = authorize(started.oauthUrl());
        assertThat(post(alice, "/api/mcp/oauth/cancel/secure", "").json().get("message").asString())
                .isEqualTo("OAuth flow for secure cancelled successfully");
        JsonNode status = get(alice, "/api/mcp/oauth/status/" + started.flowId()).json();
        assertThat(status.get("failed").asBoolean()).isTrue();
        assertThat(callback(location, started.cookie()).header("Location").orElseThrow()).contains("/oauth/error?error=invalid_state");
        assertThat(storedTokens(alice)).isZero();
    }

    @Test
    void discoveryGoesThroughTheOutboundGuardAndNothingIsStarted() {
        Person alice = user();
        Http.Response refused = whoami(alice, "internal");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("error").asString()).isEqualTo("blocked_url");
        assertThat(get(alice, "/api/mcp/oauth/status/" + alice.id() + ":internal").status()).isEqualTo(404);
    }
}
