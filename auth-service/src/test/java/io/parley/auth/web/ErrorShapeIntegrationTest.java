package io.parley.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every layer of a service answers an error as JSON with its real status, whatever the client asks for. */
class ErrorShapeIntegrationTest extends AuthIntegrationTest {

    @LocalServerPort
    int servicePort;

    @Test
    void errorsAreJsonWhateverTheAcceptHeaderAsksFor() {
        String token = signedIn().json().get("token").asString();
        for (String accept : new String[] {"text/event-stream", "application/octet-stream", "image/png", "text/html"}) {
            Http.Response unknown = http.get("/api/user/no/such/route", "Authorization", "Bearer " + token, "Accept", accept);
            assertThat(unknown.status()).as(accept).isEqualTo(404);
            assertThat(unknown.header("Content-Type")).as(accept).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(unknown.json().get("error").asString()).isEqualTo("not_found");

            Http.Response anonymous = http.get("/api/user", "Accept", accept);
            assertThat(anonymous.status()).as(accept).isEqualTo(401);
            assertThat(anonymous.json().get("error").asString()).isEqualTo("unauthorized");
        }
    }

    @Test
    void whatTomcatRefusesBeforeSpringIsJsonToo() throws IOException {
        for (String target : new String[] {"/api/balance?user[$ne]=x", "/api/user/zz%ff%fe",
                "/api/convos?cursor[$gt]=&limit[$ne]=1", "/api/user/%00", "/api/user/a%2f..%2f..%2fetc"}) {
            String response = raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            String head = response.substring(0, response.indexOf("\r\n\r\n"));
            int status = Integer.parseInt(head.substring(9, 12));
            assertThat(status).as(target).isBetween(400, 499);
            assertThat(head.toLowerCase()).as(target).contains("content-type: application/json");
            assertThat(response).as(target).doesNotContain("<html").contains("\"error\":");
        }
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), servicePort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
