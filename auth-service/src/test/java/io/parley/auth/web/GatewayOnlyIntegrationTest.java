package io.parley.auth.web;

import io.parley.common.edge.EdgeHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.crypto.SecretKeys;
import io.parley.common.edge.EdgeAssertion;
import io.parley.common.test.TestEdge;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.json.JsonMapper;

/** A service's port reached without the gateway gives no way in, and no way to pick a tenant. */
class GatewayOnlyIntegrationTest extends AuthIntegrationTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int servicePort;

    @Autowired
    MongoTemplate mongo;

    @Test
    void aRegistrationWithAMadeUpTenantWithoutTheGatewaysAssertionIs401AndCreatesNoOne() throws Exception {
        String email = uniqueEmail();
        String tenant = uniqueTenant();
        long epoch = System.currentTimeMillis() / 1000;
        EdgeAssertion forger = new EdgeAssertion(SecretKeys.parse("0f".repeat(32), "another key"), null);

        String[][] attempts = {
            {"X-Parley-Tenant", tenant},
            {"X-Parley-Tenant", tenant, EdgeHeaders.ASSERTION, forger.sign(tenant, null, epoch)},
            {"X-Parley-Tenant", tenant, EdgeHeaders.ASSERTION, TestEdge.assertion("default", null)},
            {"X-Parley-Tenant", tenant, EdgeHeaders.ASSERTION, TestEdge.assertion(tenant, null).replaceFirst("\\.\\d+\\.",
                    "." + (epoch - 3600) + ".")},
        };
        for (String[] headers : attempts) {
            HttpResponse<String> response = registerDirectly(email, headers);
            assertThat(response.statusCode()).as(String.join(" ", headers)).isEqualTo(401);
            assertThat(JsonMapper.builder().build().readTree(response.body()).get("error").asString()).isEqualTo("unauthorized");
        }
        assertThat(mongo.exists(Query.query(Criteria.where("tenantId").is(tenant)), "users")).isFalse();
        assertThat(registerDirectly(email, "X-Parley-Tenant", tenant, EdgeHeaders.ASSERTION, TestEdge.assertion(tenant, null))
                .statusCode()).as("vouched for by the gateway").isEqualTo(200);
    }

    @Test
    void publicRoutesNeedTheAssertionTooButHealthAndTheVerificationKeysDoNot() throws Exception {
        assertThat(send("/api/config").statusCode()).isEqualTo(401);
        assertThat(send("/api/auth/refresh", "POST").statusCode()).isEqualTo(401);
        assertThat(send("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(send("/.well-known/jwks.json").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> registerDirectly(String email, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servicePort + "/api/auth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"Eve","username":"eve%s","email":"%s","password":"%s","confirm_password":"%s"}"""
                        .formatted(Long.toHexString(System.nanoTime()), email, PASSWORD, PASSWORD)));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String path, String... method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servicePort + path))
                .method(method.length == 0 ? "GET" : method[0], HttpRequest.BodyPublishers.noBody()).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
