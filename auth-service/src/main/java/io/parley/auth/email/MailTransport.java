package io.parley.auth.email;

import io.parley.auth.SignInProperties;
import java.util.Optional;

/** Hands a mail to the outside world: an SMTP server or Mailgun's HTTP API, as LibreChat does. */
sealed interface MailTransport permits SmtpTransport, MailgunTransport {

    /** Delivers the mail or throws {@link MailNotSent}; blocks up to the configured timeouts. */
    void send(MailMessage message, String senderName);

    /**
     * The transport the settings name, LibreChat's way: Mailgun when {@code MAILGUN_API_KEY} and
     * {@code MAILGUN_DOMAIN} are set, else SMTP; empty when e-mail is not configured.
     */
    static Optional<MailTransport> of(SignInProperties.Email email, MailProperties mail) {
        if (!email.configured()) {
            return Optional.empty();
        }
        if (!email.mailgunApiKey().isBlank() && !email.mailgunDomain().isBlank()) {
            return Optional.of(new MailgunTransport(mail.mailgunHost(), email.mailgunDomain(), email.mailgunApiKey(),
                    email.from(), mail.timeout()));
        }
        return Optional.of(SmtpTransport.of(email, mail));
    }
}
