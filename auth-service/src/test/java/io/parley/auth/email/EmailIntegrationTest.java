package io.parley.auth.email;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.parley.auth.AuthIntegrationTest;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The shared auth-service with e-mail configured: SMTP to a GreenMail server on a random loopback
 * port, password reset on, and unverified addresses unable to sign in. One more application context,
 * shared by every class extending this one; GreenMail runs as long as the JVM.
 */
@TestPropertySource(properties = {
        "EMAIL_HOST=127.0.0.1",
        "EMAIL_USERNAME=" + EmailIntegrationTest.SMTP_USER,
        "EMAIL_PASSWORD=" + EmailIntegrationTest.SMTP_PASSWORD,
        "EMAIL_FROM=noreply@parley.test",
        "EMAIL_FROM_NAME=Parley Test",
        "ALLOW_PASSWORD_RESET=true",
        "ALLOW_UNVERIFIED_EMAIL_LOGIN=false",
        "DOMAIN_CLIENT=" + EmailIntegrationTest.CLIENT})
public abstract class EmailIntegrationTest extends AuthIntegrationTest {

    static final String SMTP_USER = "mailer";
    static final String SMTP_PASSWORD = "smtp-secret";
    static final String CLIENT = "https://chat.parley.test";

    static final GreenMail SMTP = startSmtp();

    private static GreenMail startSmtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(SMTP_USER, SMTP_PASSWORD));
        smtp.start();
        Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
        return smtp;
    }

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("EMAIL_PORT", () -> SMTP.getSmtp().getPort());
    }

    /** Every mail GreenMail received for {@code email}, in arrival order. */
    static List<MimeMessage> mailsTo(String email) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> addressedTo(m, email)).toList();
    }

    /** Waits (polling, up to 10 s) until {@code email} has received {@code count} mails; @return them */
    static List<MimeMessage> awaitMails(String email, int count) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> mailsTo(email).size() >= count);
        return mailsTo(email);
    }

    private static boolean addressedTo(MimeMessage message, String email) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().toLowerCase().contains(email));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
