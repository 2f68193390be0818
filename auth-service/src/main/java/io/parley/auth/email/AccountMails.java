package io.parley.auth.email;

import io.parley.auth.user.User;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Year;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * The links and words of account mail, after LibreChat's templates: the links are LibreChat's client
 * routes ({@code /reset-password?token=…&userId=…}, {@code /verify?token=…&email=…}) under the
 * tenant's client address, so its pages work unchanged.
 */
@Component
class AccountMails {

    private final MailProperties properties;

    AccountMails(MailProperties properties) {
        this.properties = properties;
    }

    String resetLink(User user, String token) {
        return properties.clientUrl(user.tenantId()) + "/reset-password?token=" + token + "&userId=" + user.idString();
    }

    String verifyLink(User user, String token) {
        // encodeURIComponent, as LibreChat's link; the client decodes it again.
        return properties.clientUrl(user.tenantId()) + "/verify?token=" + token + "&email="
                + UriUtils.encode(user.email(), StandardCharsets.UTF_8);
    }

    MailMessage resetRequested(User user, String link) {
        return message(user, "Password Reset Request",
                "You asked to reset the password of your " + app() + " account.",
                "Reset your password", link,
                "The link works once, for " + minutes(properties.resetTokenLifetime())
                        + ". If you did not ask for it, ignore this mail: your password stays as it is.");
    }

    MailMessage resetDone(User user) {
        return message(user, "Password Reset Successfully",
                "The password of your " + app() + " account has been changed, and every device signed in "
                        + "with it has been signed out.",
                null, null, "If you did not change it, reset your password now and tell your administrator.");
    }

    MailMessage verify(User user, String link) {
        return message(user, "Verify your email",
                "Please confirm that this is your e-mail address for " + app() + ".",
                "Verify your email", link,
                "The link works once, for " + minutes(properties.verifyTokenLifetime())
                        + ". If you did not create an account, ignore this mail.");
    }

    /** LibreChat's invitation link: its client's registration page, which sends the token along. */
    String inviteLink(String tenantId, String token) {
        return properties.clientUrl(tenantId) + "/register?token=" + token;
    }

    /** LibreChat's {@code inviteUser} mail ("Invite to join …!"). */
    MailMessage invite(String email, String link) {
        return message(email, email, "Invite to join " + app() + "!",
                "You have been invited to join " + app() + ".",
                "Create your account", link,
                "The link works once, for 7 days, and only with this e-mail address.");
    }

    private MailMessage message(User user, String subject, String opening, String action, String link, String closing) {
        return message(user.email(), name(user), subject, opening, action, link, closing);
    }

    private MailMessage message(String email, String name, String subject, String opening, String action, String link,
                                String closing) {
        StringBuilder text = new StringBuilder("Hi ").append(name).append(",\n\n").append(opening).append("\n\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><p>Hi ")
                .append(HtmlUtils.htmlEscape(name)).append(",</p><p>").append(HtmlUtils.htmlEscape(opening)).append("</p>");
        if (link != null) {
            text.append(action).append(": ").append(link).append("\n\n");
            html.append("<p><a href=\"").append(HtmlUtils.htmlEscape(link)).append("\">").append(HtmlUtils.htmlEscape(action))
                    .append("</a></p><p style=\"font-size:small\">").append(HtmlUtils.htmlEscape(link)).append("</p>");
        }
        text.append(closing).append("\n\n").append(footer()).append('\n');
        html.append("<p>").append(HtmlUtils.htmlEscape(closing)).append("</p><p style=\"color:#888\">")
                .append(HtmlUtils.htmlEscape(footer())).append("</p></body></html>");
        return new MailMessage(email, name, subject, text.toString(), html.toString());
    }

    /** LibreChat's {@code user.name || user.username || user.email}. */
    private static String name(User user) {
        if (user.name() != null && !user.name().isBlank()) {
            return user.name();
        }
        return user.username() != null && !user.username().isBlank() ? user.username() : user.email();
    }

    private String app() {
        return properties.appTitle();
    }

    private String footer() {
        return "© " + Year.now() + " " + app();
    }

    private static String minutes(Duration lifetime) {
        long minutes = Math.max(1, lifetime.toMinutes());
        return minutes % 60 == 0 ? (minutes / 60) + (minutes == 60 ? " hour" : " hours") : minutes + " minutes";
    }
}
