package io.parley.auth.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.parley.auth.SignInProperties;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mailgun's HTTP API as LibreChat calls it, against a local server that speaks it. */
class MailgunTransportTest {

    private HttpServer mailgun;
    private final AtomicReference<String> path = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<Map<String, String>> form = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(200);

    @BeforeEach
    void start() throws Exception {
        mailgun = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mailgun.createContext("/v3/", exchange -> {
            path.set(exchange.getRequestURI().getPath());
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            Map<String, String> fields = new HashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] kv = pair.split("=", 2);
                fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            form.set(fields);
            byte[] body = "{\"id\":\"<1@mg>\",\"message\":\"Queued. Thank you.\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        mailgun.start();
    }

    @AfterEach
    void stop() {
        mailgun.stop(0);
    }

    @Test
    void postsTheMailToTheDomainsMessagesWithTheKeyAndClickTrackingOff() {
        MailTransport transport = configured().orElseThrow();

        transport.send(new MailMessage("to@example.com", "To Person", "Verify your email", "text", "<p>html</p>"), "Parley");

        assertThat(path.get()).isEqualTo("/v3/mg.parley.test/messages");
        assertThat(authorization.get()).isEqualTo("Basic " + Base64.getEncoder().encodeToString("api:key-123".getBytes(StandardCharsets.UTF_8)));
        assertThat(form.get()).containsEntry("from", "Parley <noreply@parley.test>")
                .containsEntry("to", "To Person <to@example.com>")
                .containsEntry("subject", "Verify your email")
                .containsEntry("text", "text")
                .containsEntry("html", "<p>html</p>")
                .containsEntry("o:tracking-clicks", "no");
    }

    @Test
    void aRefusalIsAFailureWithTheStatusOnly() {
        status.set(401);
        MailTransport transport = configured().orElseThrow();

        assertThatThrownBy(() -> transport.send(new MailMessage("to@example.com", "", "s", "t", "h"), "Parley"))
                .isInstanceOf(MailNotSent.class).hasMessage("Mailgun answered HTTP 401");
    }

    private java.util.Optional<MailTransport> configured() {
        SignInProperties.Email email = new SignInProperties.Email("", "", "", "", "noreply@parley.test", "key-123", "mg.parley.test");
        MailProperties base = SmtpTransportTest.mail(null, "", false);
        MailProperties local = new MailProperties(base.domainClient(), base.clientUrls(), base.appTitle(), base.fromName(),
                base.port(), base.encryption(), base.encryptionHostname(), base.allowSelfSigned(),
                "http://127.0.0.1:" + mailgun.getAddress().getPort(), Duration.ofSeconds(5), base.resetTokenLifetime(),
                base.verifyTokenLifetime(), base.resetPassword(), base.verifyEmail());
        return MailTransport.of(email, local);
    }
}
