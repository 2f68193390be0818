package io.parley.auth.email;

import io.parley.auth.SignInProperties;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Account mail leaves from here, in the background: a request answers before any mail work is done,
 * so neither its time nor its outcome tells whether an address has an account, and a mail server that
 * is down or slow never fails a request. One sender works through a bounded queue in order; a failed
 * delivery is logged (kind, tenant, user and the failure's type, never the mail) and not retried.
 */
@Component
public class Outbox implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int QUEUE = 1_000;

    private final MailTransport transport;
    private final String senderName;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUE), Thread.ofVirtual().name("mail-sender-", 0).factory(),
            (task, pool) -> log.warn("Mail queue full, mail dropped"));

    @Autowired
    Outbox(SignInProperties signIn, MailProperties mail) {
        this(MailTransport.of(signIn.email(), mail).orElse(null), mail.senderName());
        if (transport == null && signIn.allowPasswordReset()) {
            log.warn("ALLOW_PASSWORD_RESET is on without e-mail: as in LibreChat, requestPasswordReset answers "
                    + "the reset link itself, to anyone who names an account's e-mail address");
        }
        if (transport != null && !mail.encryptionHostname().isBlank()) {
            log.warn("EMAIL_ENCRYPTION_HOSTNAME is not supported; certificates are checked against the mail host");
        }
        if (transport != null) {
            log.info("Account mail goes out through {}", switch (transport) {
                case SmtpTransport smtp -> "SMTP " + smtp.describe();
                case MailgunTransport mailgun -> "Mailgun " + mailgun.describe();
            });
        }
    }

    /** @param transport null when e-mail is not configured */
    Outbox(MailTransport transport, String senderName) {
        this.transport = transport;
        this.senderName = senderName;
    }

    /** Whether e-mail is configured, i.e. whether {@link #send} delivers anything. */
    public boolean configured() {
        return transport != null;
    }

    /**
     * Queues {@code message} (built on the sender's thread, so that its work — issuing a token, say —
     * does not lengthen the request either) and returns at once. Nothing happens without e-mail.
     *
     * @param kind for the log: {@code reset}, {@code verify}, …
     */
    void send(String kind, String tenantId, String userId, Supplier<MailMessage> message) {
        if (transport == null) {
            return;
        }
        sender.execute(() -> deliver(kind, tenantId, userId, message));
    }

    private void deliver(String kind, String tenantId, String userId, Supplier<MailMessage> message) {
        try {
            transport.send(message.get(), senderName);
            log.info("Mail sent kind={} tenant_id={} user_id={}", kind, tenantId, userId);
        } catch (MailNotSent e) {
            log.warn("Mail not sent kind={} tenant_id={} user_id={} cause={}", kind, tenantId, userId, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Mail not sent kind={} tenant_id={} user_id={} cause={}", kind, tenantId, userId,
                    MailNotSent.because(e).getMessage());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        sender.shutdown();
        if (!sender.awaitTermination(5, TimeUnit.SECONDS)) {
            sender.shutdownNow();
        }
    }
}
