package io.parley.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.edge.EdgeHeaders;
import io.parley.common.test.Http;
import io.parley.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code PARLEY_API_DOCS} on: Swagger UI at /api/docs over the services' descriptions, fetched through the gateway. */
class ApiDocsIntegrationTest extends GatewayIntegrationTest {

    @DynamicPropertySource
    static void apiDocsOn(DynamicPropertyRegistry registry) {
        registry.add("parley.gateway.api-docs.enabled", () -> "true");
    }

    @Test
    void apiDocsAnswersSwaggerUiListingTheFiveServicesWithoutSigningIn() {
        Http.Response page = get("/api/docs");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("id=\"swagger-ui\"", "/api/docs/ui/swagger-ui-bundle.js", "/api/docs/ui/parley-docs.js");
        Http.Response initializer = get("/api/docs/ui/parley-docs.js");
        assertThat(initializer.status()).isEqualTo(200);
        assertThat(initializer.body()).contains("/api/docs/auth", "/api/docs/chat", "/api/docs/agent", "/api/docs/file",
                "/api/docs/mcp");
    }

    @Test
    void swaggerUisFilesComeFromItsWebjar() {
        Http.Response bundle = get("/api/docs/ui/swagger-ui-bundle.js");

        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(get("/api/docs/ui/swagger-ui.css").status()).isEqualTo(200);
        assertThat(get("/api/docs/ui/no-such-file.js").status()).isEqualTo(404);
    }

    @Test
    void aServicesDescriptionIsFetchedFromItsApiDocsWithTheGatewaysAssertion() {
        Http.Response docs = get("/api/docs/chat");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("_path").asString()).isEqualTo("/v3/api-docs");
        assertThat(docs.json().get(EdgeHeaders.ASSERTION.toLowerCase()).asString()).isNotBlank();
    }

    @Test
    void nothingBesidesTheDocsIsOpenedWithoutAToken() {
        int reachedBefore = UPSTREAM.paths().size();
        for (String path : new String[] {"/api/docs/chat/x", "/api/docs/v3/api-docs", "/api/docs/ui/../../api/convos",
                "/api/docs/other", "/v3/api-docs", "/api/convos"}) {
            Http.Response response = get(path);
            assertThat(response.status()).as(path).isIn(400, 401);
        }
        assertThat(post("/api/docs/chat", "{}").status()).isEqualTo(401);
        assertThat(UPSTREAM.paths().subList(reachedBefore, UPSTREAM.paths().size())).as("requests that reached a service")
                .isEmpty();
    }
}
