package io.parley.auth.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.parley.auth.SignInProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Mail goes out in the background: a refusing or absent server never reaches the caller, and the log keeps no secret. */
@ExtendWith(OutputCaptureExtension.class)
class OutboxTest {

    private static final String SECRET_LINK = "https://chat.parley.test/reset-password?token=very-secret-token";

    @Test
    void aServerThatRefusesIsLoggedWithoutTheMailAndTheNextMailStillGoes(CapturedOutput output) throws Exception {
        GreenMail working = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "secret"));
        working.start();
        AtomicInteger built = new AtomicInteger();
        try (ServerSocket refusing = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> refuseEveryone(refusing));
            Outbox toRefusing = outbox(refusing.getLocalPort());
            Outbox toWorking = outbox(working.getSmtp().getPort());

            long start = System.nanoTime();
            toRefusing.send("reset", "default", "user-1", () -> {
                built.incrementAndGet();
                return new MailMessage("victim@example.com", "", "Password Reset Request", SECRET_LINK, SECRET_LINK);
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the caller does not wait").isLessThan(Duration.ofSeconds(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("Mail not sent kind=reset"));
            toWorking.send("verify", "default", "user-2",
                    () -> new MailMessage("next@example.com", "", "Verify your email", "text", "<p>html</p>"));
            await().atMost(Duration.ofSeconds(10)).until(() -> working.getReceivedMessages().length == 1);
            toRefusing.destroy();
            toWorking.destroy();
        } finally {
            working.stop();
        }

        assertThat(built).hasValue(1);
        assertThat(output.getOut()).contains("user_id=user-1").doesNotContain("very-secret-token", "victim@example.com");
    }

    @Test
    void withoutEmailNothingIsBuiltOrSent() {
        AtomicInteger built = new AtomicInteger();
        Outbox none = new Outbox(null, "LibreChat");

        none.send("verify", "default", "user-3", () -> {
            built.incrementAndGet();
            return new MailMessage("a@example.com", "", "s", "t", "h");
        });

        assertThat(none.configured()).isFalse();
        assertThat(built).hasValue(0);
    }

    private static Outbox outbox(int port) {
        SignInProperties.Email email = new SignInProperties.Email("", "127.0.0.1", "mailer", "secret", "noreply@parley.test", "", "");
        return new Outbox(SmtpTransport.of(email, SmtpTransportTest.mail(port, "", false)), "Parley");
    }

    /** An SMTP server that turns every client away with 554, as a broken relay would. */
    private static void refuseEveryone(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                out.write("554 5.3.2 victim@example.com: service not available\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                return;
            }
        }
    }
}
