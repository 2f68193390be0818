package io.parley.mcp.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.events.AccountDataEraser;
import io.parley.common.test.Http;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;

/** A person's tokens after signing in: renewed before they expire or once refused, revoked, and forgotten with the account or the server. */
class OAuthTokensIntegrationTest extends OAuthIntegrationTest {

    @Autowired
    List<AccountDataEraser> erasers;
    @Autowired
    RedissonClient redis;

    private String call(Person who, String server) {
        Http.Response response = whoami(who, server);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("isError").asBoolean()).as(response.body()).isFalse();
        return PROTECTED.lastToken();
    }

    private long refreshes() {
        return AUTHORIZATION.tokenRequests.stream().filter(r -> r.body().contains("grant_type=refresh_token")).count();
    }

    @Test
    void aTokenAboutToExpireIsRenewedWithTheRefreshTokenBeforeItIsUsed() {
        Person alice = user();
        signIn(alice, "secure");
        String first = call(alice, "secure");
        assertThat(call(alice, "secure")).as("still good: used as it is").isEqualTo(first);

        long before = refreshes();
        clock.advance(Duration.ofMinutes(59)); // the mock's tokens live an hour; renewed a minute before
        try {
            String renewed = call(alice, "secure");
            assertThat(renewed).isNotEqualTo(first);
            assertThat(refreshes()).isEqualTo(before + 1);
            assertThat(AUTHORIZATION.tokenRequests.getLast().body()).contains("resource=");
            assertThat(call(alice, "secure")).as("renewed once, then used").isEqualTo(renewed);
            assertThat(refreshes()).isEqualTo(before + 1);
        } finally {
            clock.advance(Duration.ofMinutes(-59));
        }
    }

    @Test
    void aTokenTheServerRefusesIsRenewedAndTheCallSentAgain() {
        Person alice = user();
        signIn(alice, "secure");
        String first = call(alice, "secure");
        PROTECTED.refused.add(first);

        String second = call(alice, "secure");
        assertThat(second).isNotEqualTo(first);
        assertThat(PROTECTED.tokensSeen).containsSubsequence(first, second);
    }

    @Test
    void revokingAccessRevokesTheTokensAtTheAuthorizationServerAndTheNextCallNeedsASignIn() {
        Person alice = user();
        Person bob = user();
        signIn(alice, "secure");
        signIn(bob, "secure");
        call(alice, "secure");
        int revocations = AUTHORIZATION.revocations.size();

        Http.Response uninstall = post(alice, "/api/user/plugins", "{\"pluginKey\":\"mcp_secure\",\"action\":\"uninstall\"}");
        assertThat(uninstall.status()).as(uninstall.body()).isEqualTo(200);

        assertThat(AUTHORIZATION.revocations.size()).isGreaterThan(revocations);
        assertThat(AUTHORIZATION.revocations.getLast().path()).isEqualTo("/dcr/revoke");
        assertThat(AUTHORIZATION.revocations.getLast().body()).contains("token_type_hint=refresh_token");
        assertThat(AUTHORIZATION.revocations.getLast().authorization()).as("as the client it registered").startsWith("Basic ");
        assertThat(storedTokens(alice)).isZero();
        Http.Response after = whoami(alice, "secure");
        assertThat(after.json().get("isError").asBoolean()).isTrue();
        assertThat(after.json().at("/signIn/authUrl").asString()).isNotBlank();
        assertThat(storedTokens(bob)).as("bob's stay").isEqualTo(1);
        call(bob, "secure");
    }

    @Test
    void deletingAnAccountRevokesAndForgetsItsTokensAndNobodyElses() {
        Person alice = user();
        Person bob = user();
        signIn(alice, "secure");
        signIn(alice, "secure-pre");
        signIn(bob, "secure");
        int revocations = AUTHORIZATION.revocations.size();

        erasers.forEach(e -> e.erase(alice.tenant(), alice.id()));

        assertThat(storedTokens(alice)).isZero();
        assertThat(AUTHORIZATION.revocations.stream().skip(revocations).map(AuthorizationServer.Seen::path))
                .contains("/dcr/revoke", "/pre/revoke");
        assertThat(storedTokens(bob)).isEqualTo(1);
        call(bob, "secure");
    }

    @Test
    void aDeletedUserManagedServerTakesEveryonesTokensWithIt() {
        Person alice = user();
        Http.Response created = post(alice, "/api/mcp/servers", """
                {"serverName":"mine","config":{"type":"streamable-http","url":"%s","requiresOAuth":true,"title":"Mine"}}"""
                .formatted(PROTECTED.url()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        signIn(alice, "mine");
        call(alice, "mine");
        assertThat(storedTokens(alice)).isEqualTo(1);

        assertThat(http.send("DELETE", "/api/mcp/servers/mine", null, alice.auth()).status()).isEqualTo(200);
        assertThat(storedTokens(alice)).isZero();
    }

    @Test
    void startedSignInsWaitInRedisWhereEveryInstanceSeesThem() {
        Person alice = user();
        reinitialize(alice, "secure");
        assertThat(redis.getKeys().getKeysByPattern("parley-mcp-oauth-test-*:mcp:oauth:flow:" + alice.tenant() + "|" + alice.id() + "|secure"))
                .hasSize(1);
        assertThat(redis.getKeys().getKeysByPattern("parley-mcp-oauth-test-*:mcp:oauth:state:*")).isNotEmpty();
    }
}
