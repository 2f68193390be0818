package io.parley.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ApiDocsTest {

    private final ApiDocs on = new ApiDocs(new ApiDocsProperties(true));

    @Test
    void opensOnlyTheReadingOfThePageItsFilesAndTheFiveDescriptions() {
        for (String path : new String[] {"/api/docs", "/api/docs/", "/api/docs/ui/swagger-ui.css", "/api/docs/auth",
                "/api/docs/chat", "/api/docs/agent", "/api/docs/file", "/api/docs/mcp"}) {
            assertThat(on.serves(MockServerHttpRequest.get(path).build())).as(path).isTrue();
            assertThat(on.serves(MockServerHttpRequest.post(path).build())).as("POST " + path).isFalse();
        }
        for (String path : new String[] {"/api/docs/gateway", "/api/docs/chat/", "/api/docs/chat/x", "/api/docs/ui/",
                "/api/docs/ui/a/b.js", "/api/docs/ui/..", "/api/docs/ui/.hidden", "/api/docsx", "/v3/api-docs"}) {
            assertThat(on.serves(MockServerHttpRequest.get(path).build())).as(path).isFalse();
        }
    }

    @Test
    void opensNothingWhileOff() {
        ApiDocs off = new ApiDocs(new ApiDocsProperties(false));

        assertThat(off.serves(MockServerHttpRequest.get("/api/docs").build())).isFalse();
        assertThat(off.serves(MockServerHttpRequest.get("/api/docs/chat").build())).isFalse();
    }
}
