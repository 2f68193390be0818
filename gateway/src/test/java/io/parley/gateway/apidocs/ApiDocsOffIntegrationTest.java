package io.parley.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

/** {@code PARLEY_API_DOCS} unset, as in production by default: no docs, not even for a signed-in person. */
class ApiDocsOffIntegrationTest extends GatewayIntegrationTest {

    @Test
    void apiDocsIsNotFoundForASignedInPersonAndNotPublic() {
        String bearer = "Bearer " + UPSTREAM.token("docs-reader", "default");
        for (String path : new String[] {"/api/docs", "/api/docs/chat", "/api/docs/ui/swagger-ui-bundle.js"}) {
            assertThat(get(path, "Authorization", bearer).status()).as(path).isEqualTo(404);
            assertThat(get(path).status()).as(path).isEqualTo(401);
        }
    }
}
