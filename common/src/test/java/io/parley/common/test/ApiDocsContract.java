package io.parley.common.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.edge.EdgeHeaders;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A service's OpenAPI description at {@code /v3/api-docs} (what the gateway shows at {@code /api/docs}):
 * every route the service serves is in it with its method, and it is reached only with the gateway's
 * assertion, like every other path of the service. A service's test extends this in its own package.
 */
public abstract class ApiDocsContract extends BootedService {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
    }

    @Test
    void describesEveryRouteItServesWithItsMethod() {
        Http.Response docs = http.get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("openapi").asString()).startsWith("3.");
        List<ApiDocsCoverage.Route> routes = ApiDocsCoverage.routes(mappings);
        assertThat(routes).isNotEmpty();
        assertThat(ApiDocsCoverage.undocumented(routes, docs.json()))
                .as("routes the service serves that its OpenAPI description leaves out").isEmpty();
    }

    @Test
    void pointsItsReadersAtTheGatewayWithABearerToken() {
        Http.Response docs = http.get("/v3/api-docs");

        assertThat(docs.json().at("/servers/0/url").asString()).isEqualTo("/");
        assertThat(docs.json().at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
    }

    @Test
    void isRefusedWithoutTheGatewaysAssertion() {
        Http.Response docs = http.get("/v3/api-docs", EdgeHeaders.ASSERTION, "forged");

        assertThat(docs.status()).isEqualTo(401);
        assertThat(docs.json().get("error").asString()).isEqualTo("unauthorized");
    }
}
