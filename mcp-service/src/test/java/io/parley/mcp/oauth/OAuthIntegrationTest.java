package io.parley.mcp.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.mcp.McpIntegrationTest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * mcp-service with MCP servers people sign in to, in front of real servers: an OAuth authorization
 * server (mock-oauth2-server) and an MCP server over Streamable HTTP that wants its tokens. Operator's
 * servers: {@code secure} (nothing configured but {@code requiresOAuth}: discovery and dynamic
 * registration), {@code secure-pre} (the same server with LibreChat's {@code oauth} block: a client the
 * operator registered, endpoints given) and {@code internal} (whose metadata points at an address the
 * guard refuses). Sign-ins wait in Redis (127.0.0.1:6379, a key prefix of this run's own); the callback
 * goes to {@code http://parley.test}, whose path the test (the browser) follows to this service.
 * Token expiry is judged on a clock the tests move.
 */
@Import(OAuthIntegrationTest.TestClock.class)
public abstract class OAuthIntegrationTest extends McpIntegrationTest {

    protected static final AuthorizationServer AUTHORIZATION = new AuthorizationServer();
    protected static final ProtectedMcpServer PROTECTED = new ProtectedMcpServer(AUTHORIZATION, Set.of("dcr", "pre"));
    protected static final String DOMAIN_SERVER = "http://parley.test";
    protected static final String WHOAMI = "{\"server\":\"%s\",\"tool\":\"whoami\",\"arguments\":{}}";

    @DynamicPropertySource
    static void oauthServers(DynamicPropertyRegistry registry) {
        registry.add("parley.mcp.oauth.domain-server", () -> DOMAIN_SERVER);
        registry.add("parley.redis.uri", () -> "redis://127.0.0.1:6379");
        registry.add("parley.redis.key-prefix", () -> "parley-mcp-oauth-test-" + UUID.randomUUID() + ":");
        String s = "librechat.mcpServers.";
        registry.add(s + "secure.type", () -> "streamable-http");
        registry.add(s + "secure.url", PROTECTED::url);
        registry.add(s + "secure.requiresOAuth", () -> "true");
        registry.add(s + "secure-pre.type", () -> "streamable-http");
        registry.add(s + "secure-pre.url", PROTECTED::url);
        registry.add(s + "secure-pre.oauth.authorization_url", () -> AUTHORIZATION.issuer("pre") + "/authorize");
        registry.add(s + "secure-pre.oauth.token_url", () -> AUTHORIZATION.issuer("pre") + "/token");
        registry.add(s + "secure-pre.oauth.revocation_endpoint", () -> AUTHORIZATION.issuer("pre") + "/revoke");
        registry.add(s + "secure-pre.oauth.client_id", () -> "parley-test");
        registry.add(s + "secure-pre.oauth.client_secret", () -> "parley-test-secret");
        registry.add(s + "secure-pre.oauth.scope", () -> "openid mcp:tools offline_access");
        registry.add(s + "internal.type", () -> "streamable-http");
        registry.add(s + "internal.url", PROTECTED::internalUrl);
        registry.add(s + "internal.requiresOAuth", () -> "true");
    }

    @Autowired
    protected MutableClock clock;
    @Autowired
    protected MongoTemplate mongo;

    /** What a started sign-in gave the browser: the link, LibreChat's flow id, and the binding cookie. */
    protected record Started(String oauthUrl, String flowId, String cookie) {
    }

    /** Reinitialize as LibreChat's client does it for a server that needs sign-in. */
    protected Started reinitialize(Person who, String server) {
        Http.Response response = post(who, "/api/mcp/" + server + "/reinitialize", "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("oauthRequired").asBoolean()).as(response.body()).isTrue();
        String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("mcp_oauth_"))
                .findFirst().map(c -> c.substring(0, c.indexOf(';'))).orElseThrow();
        return new Started(body.get("oauthUrl").asString(), body.get("flowId").asString(), cookie);
    }

    /** The person at the authorization server: no login page, it sends the browser back at once. */
    protected static String authorize(String oauthUrl) {
        Http.Response response = new Http("").get(oauthUrl);
        assertThat(response.status()).as(response.body()).isEqualTo(302);
        String location = response.header("Location").orElseThrow();
        assertThat(location).startsWith(DOMAIN_SERVER + "/api/mcp/");
        return location;
    }

    /** The browser follows the redirect to this service (the gateway's work), with the cookies given. */
    protected Http.Response callback(String location, String... cookies) {
        URI uri = URI.create(location);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return cookies.length == 0 ? http.get(path) : http.get(path, "Cookie", String.join("; ", cookies));
    }

    /** A whole sign-in of {@code who} to {@code server}. */
    protected void signIn(Person who, String server) {
        Started started = reinitialize(who, server);
        Http.Response back = callback(authorize(started.oauthUrl()), started.cookie());
        assertThat(back.status()).as(back.body()).isEqualTo(302);
        assertThat(back.header("Location").orElseThrow()).contains("/oauth/success?serverName=" + server);
    }

    protected Http.Response whoami(Person who, String server) {
        return post(who, "/api/mcp/tools/call", WHOAMI.formatted(server));
    }

    protected long storedTokens(Person who) {
        return mongo.count(Query.query(Criteria.where("tenantId").is(who.tenant()).and("userId").is(who.id())),
                Document.class, "mcp_oauth_tokens");
    }

    /** A clock the tests move forward (token expiry); starts at the real time. */
    public static final class MutableClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        public void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        MutableClock testClock() {
            return new MutableClock();
        }
    }
}
