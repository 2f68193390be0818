package io.parley.auth.email;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The well-known mail services {@code EMAIL_SERVICE} may name instead of a host (LibreChat hands the
 * name to nodemailer, which knows many more; these are the common ones). Names compare without case,
 * spaces or punctuation, so {@code Gmail}, {@code gmail} and {@code Google Mail} are one.
 */
final class SmtpServices {

    /** @param implicitTls TLS from the first byte (port 465 style) rather than STARTTLS */
    record Server(String host, int port, boolean implicitTls) {
    }

    private static final Server GMAIL = new Server("smtp.gmail.com", 465, true);
    private static final Server OUTLOOK = new Server("smtp-mail.outlook.com", 587, false);
    private static final Server OFFICE365 = new Server("smtp.office365.com", 587, false);
    private static final Server YAHOO = new Server("smtp.mail.yahoo.com", 465, true);
    private static final Server ICLOUD = new Server("smtp.mail.me.com", 587, false);
    private static final Server BREVO = new Server("smtp-relay.brevo.com", 587, false);

    private static final Map<String, Server> KNOWN = Map.ofEntries(
            Map.entry("gmail", GMAIL), Map.entry("googlemail", GMAIL),
            Map.entry("outlook", OUTLOOK), Map.entry("outlookcom", OUTLOOK), Map.entry("hotmail", OUTLOOK),
            Map.entry("live", OUTLOOK),
            Map.entry("outlook365", OFFICE365), Map.entry("office365", OFFICE365),
            Map.entry("yahoo", YAHOO), Map.entry("yahoomail", YAHOO),
            Map.entry("icloud", ICLOUD), Map.entry("me", ICLOUD), Map.entry("mac", ICLOUD),
            Map.entry("aol", new Server("smtp.aol.com", 587, false)),
            Map.entry("zoho", new Server("smtp.zoho.com", 465, true)),
            Map.entry("fastmail", new Server("smtp.fastmail.com", 465, true)),
            Map.entry("gmx", new Server("mail.gmx.com", 587, false)),
            Map.entry("yandex", new Server("smtp.yandex.ru", 465, true)),
            Map.entry("sendgrid", new Server("smtp.sendgrid.net", 587, false)),
            Map.entry("mailgun", new Server("smtp.mailgun.org", 465, true)),
            Map.entry("postmark", new Server("smtp.postmarkapp.com", 2525, false)),
            Map.entry("mailjet", new Server("in-v3.mailjet.com", 587, false)),
            Map.entry("sendinblue", BREVO), Map.entry("brevo", BREVO),
            Map.entry("ses", new Server("email-smtp.us-east-1.amazonaws.com", 465, true)));

    private SmtpServices() {
    }

    static Optional<Server> named(String service) {
        String key = service.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return Optional.ofNullable(KNOWN.get(key));
    }
}
