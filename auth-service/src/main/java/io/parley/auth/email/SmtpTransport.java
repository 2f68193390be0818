package io.parley.auth.email;

import io.parley.auth.SignInProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * SMTP with LibreChat's settings: {@code EMAIL_SERVICE} (a well-known service) or
 * {@code EMAIL_HOST}/{@code EMAIL_PORT}, {@code EMAIL_USERNAME}/{@code EMAIL_PASSWORD}, and
 * {@code EMAIL_ENCRYPTION}: {@code tls} is TLS from the first byte, {@code starttls} requires the
 * upgrade, anything else upgrades when the server offers it (nodemailer's default). Certificates are
 * checked, host name included, unless {@code EMAIL_ALLOW_SELFSIGNED}.
 */
final class SmtpTransport implements MailTransport {

    private final JavaMailSenderImpl sender;
    private final String from;

    private SmtpTransport(JavaMailSenderImpl sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    /** @throws IllegalStateException when {@code EMAIL_SERVICE} names no known service and no host is set */
    static SmtpTransport of(SignInProperties.Email email, MailProperties mail) {
        String encryption = mail.encryption().trim().toLowerCase(Locale.ROOT);
        String host;
        int port;
        boolean implicitTls;
        SmtpServices.Server service = email.service().isBlank() ? null : SmtpServices.named(email.service()).orElse(null);
        if (service != null) {
            // As with nodemailer, the service's own settings win over EMAIL_HOST and EMAIL_PORT.
            host = service.host();
            port = service.port();
            implicitTls = service.implicitTls();
        } else if (!email.host().isBlank()) {
            host = email.host().trim();
            port = mail.port() == null ? 25 : mail.port();
            implicitTls = encryption.equals("tls");
        } else {
            throw new IllegalStateException("EMAIL_SERVICE names a mail service Parley does not know; "
                    + "set EMAIL_HOST and EMAIL_PORT instead");
        }
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(host);
        sender.setPort(port);
        sender.setProtocol("smtp");
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        if (!email.username().isBlank()) {
            sender.setUsername(email.username());
            sender.setPassword(email.password());
        }
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.auth", Boolean.toString(!email.username().isBlank()));
        properties.setProperty("mail.smtp.ssl.enable", Boolean.toString(implicitTls));
        properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(!implicitTls));
        properties.setProperty("mail.smtp.starttls.required", Boolean.toString(!implicitTls && encryption.equals("starttls")));
        if (mail.allowSelfSigned()) {
            properties.setProperty("mail.smtp.ssl.trust", "*");
            properties.setProperty("mail.smtp.ssl.checkserveridentity", "false");
        } else {
            properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        }
        String timeout = Long.toString(mail.timeout().toMillis());
        properties.setProperty("mail.smtp.connectiontimeout", timeout);
        properties.setProperty("mail.smtp.timeout", timeout);
        properties.setProperty("mail.smtp.writetimeout", timeout);
        sender.setJavaMailProperties(properties);
        return new SmtpTransport(sender, email.from().trim());
    }

    @Override
    public void send(MailMessage message, String senderName) {
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
            helper.setFrom(new InternetAddress(from, senderName, StandardCharsets.UTF_8.name()));
            helper.setTo(message.toName().isBlank() ? new InternetAddress(message.to())
                    : new InternetAddress(message.to(), message.toName(), StandardCharsets.UTF_8.name()));
            helper.setSubject(message.subject());
            helper.setText(message.text(), message.html());
            sender.send(mime);
        } catch (MailException | MessagingException | UnsupportedEncodingException e) {
            throw MailNotSent.because(e);
        }
    }

    /** Where mail goes, for the start-up log line (no credentials). */
    String describe() {
        return sender.getHost() + ":" + sender.getPort();
    }
}
