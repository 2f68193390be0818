package io.parley.auth.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.parley.auth.SignInProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LibreChat's SMTP settings against real SMTP and SMTPS servers (GreenMail, self-signed certificate). */
class SmtpTransportTest {

    private static GreenMail servers;

    @BeforeAll
    static void start() {
        servers = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort()})
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "secret"));
        servers.start();
    }

    @AfterAll
    static void stop() {
        servers.stop();
    }

    @Test
    void plainSmtpWithLoginDeliversTextAndHtmlFromTheNamedSender() {
        SmtpTransport smtp = SmtpTransport.of(email("", "mailer", "secret"), mail(servers.getSmtp().getPort(), "", false));

        smtp.send(new MailMessage("plain@example.com", "Zoë Example", "Hello", "Text body", "<p>Html body</p>"), "Parley");

        ReceivedMail received = ReceivedMail.of(receivedBy("plain@example.com"));
        assertThat(received.from()).isEqualTo("Parley <noreply@parley.test>");
        assertThat(received.to()).contains("plain@example.com");
        assertThat(received.text()).isEqualTo("Text body");
        assertThat(received.html()).isEqualTo("<p>Html body</p>");
    }

    @Test
    void wrongCredentialsAreAFailureThatNamesNoSecret() {
        SmtpTransport smtp = SmtpTransport.of(email("", "mailer", "wrong-secret"), mail(servers.getSmtp().getPort(), "", false));

        assertThatThrownBy(() -> smtp.send(message("creds@example.com"), "Parley"))
                .isInstanceOf(MailNotSent.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret", "creds@example.com"));
    }

    @Test
    void tlsFromTheFirstByteAcceptsASelfSignedCertificateOnlyWhenAllowed() {
        int port = servers.getSmtps().getPort();
        SmtpTransport strict = SmtpTransport.of(email("", "mailer", "secret"), mail(port, "tls", false));
        SmtpTransport lenient = SmtpTransport.of(email("", "mailer", "secret"), mail(port, "tls", true));

        assertThatThrownBy(() -> strict.send(message("strict@example.com"), "Parley")).isInstanceOf(MailNotSent.class);
        lenient.send(message("lenient@example.com"), "Parley");

        assertThat(receivedBy("lenient@example.com")).isNotNull();
    }

    @Test
    void requiredStartTlsRefusesAServerThatDoesNotOfferIt() {
        SmtpTransport smtp = SmtpTransport.of(email("", "mailer", "secret"), mail(servers.getSmtp().getPort(), "starttls", true));

        assertThatThrownBy(() -> smtp.send(message("starttls@example.com"), "Parley")).isInstanceOf(MailNotSent.class);
    }

    @Test
    void aKnownServiceNameWinsOverTheHostAndAnUnknownOneNeedsAHost() {
        assertThat(SmtpTransport.of(email("Gmail", "u", "p"), mail(2525, "", false)).describe()).isEqualTo("smtp.gmail.com:465");
        assertThat(SmtpTransport.of(new SignInProperties.Email("Outlook 365", "", "u", "p", "noreply@parley.test", "", ""),
                mail(null, "", false)).describe()).isEqualTo("smtp.office365.com:587");
        assertThat(SmtpTransport.of(new SignInProperties.Email("", "mail.example.com", "u", "p", "noreply@parley.test", "", ""),
                mail(null, "", false)).describe()).as("LibreChat's default port").isEqualTo("mail.example.com:25");
        assertThatThrownBy(() -> SmtpTransport.of(new SignInProperties.Email("carrier-pigeon", "", "u", "p",
                "noreply@parley.test", "", ""), mail(null, "", false))).isInstanceOf(IllegalStateException.class);
    }

    private static jakarta.mail.internet.MimeMessage receivedBy(String address) {
        return java.util.Arrays.stream(servers.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().contains(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow(() -> new AssertionError("nothing received by " + address));
    }

    private static MailMessage message(String to) {
        return new MailMessage(to, "", "Subject", "Text", "<p>Html</p>");
    }

    /** Host 127.0.0.1 unless a service is named. */
    private static SignInProperties.Email email(String service, String username, String password) {
        return new SignInProperties.Email(service, service.isBlank() ? "127.0.0.1" : "", username, password,
                "noreply@parley.test", "", "");
    }

    static MailProperties mail(Integer port, String encryption, boolean allowSelfSigned) {
        return new MailProperties("http://localhost:3080", Map.of(), "LibreChat", "", port, encryption, "", allowSelfSigned,
                "https://api.mailgun.net", Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofMinutes(15),
                new MailProperties.Limit(3, Duration.ofHours(1)), new MailProperties.Limit(2, Duration.ofMinutes(2)));
    }
}
