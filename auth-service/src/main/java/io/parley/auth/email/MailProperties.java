package io.parley.auth.email;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How account mail (password reset, e-mail verification) is delivered and what its links say, bound
 * in application.yml from LibreChat's environment names. Whether e-mail is configured at all, and the
 * account it is sent with ({@code EMAIL_SERVICE}/{@code EMAIL_HOST}, {@code EMAIL_USERNAME},
 * {@code EMAIL_PASSWORD}, {@code EMAIL_FROM}, Mailgun), is {@code SignInProperties.Email}, which the
 * public config flags read too.
 *
 * @param domainClient       {@code DOMAIN_CLIENT}: the web client's address the links point at (the first
 *                           one when it is a comma-separated list of CORS origins)
 * @param clientUrls         tenant → client address, for tenants served on a host of their own
 * @param appTitle           {@code APP_TITLE}: the sender's name when {@code EMAIL_FROM_NAME} is unset, and the
 *                           name in the text
 * @param fromName           {@code EMAIL_FROM_NAME}
 * @param port               {@code EMAIL_PORT} (null: 25, LibreChat's default; ignored with {@code EMAIL_SERVICE})
 * @param encryption         {@code EMAIL_ENCRYPTION}: {@code tls} (TLS from the first byte), {@code starttls}
 *                           (STARTTLS required); anything else uses STARTTLS when the server offers it
 * @param encryptionHostname {@code EMAIL_ENCRYPTION_HOSTNAME}: not supported (logged at start-up)
 * @param allowSelfSigned    {@code EMAIL_ALLOW_SELFSIGNED}: accept any server certificate
 * @param mailgunHost        {@code MAILGUN_HOST}
 * @param timeout            connect, read and write timeout of one delivery
 * @param resetTokenLifetime a password reset link's lifetime (LibreChat: 900 s)
 * @param verifyTokenLifetime a verification link's lifetime (LibreChat: 900 s)
 * @param resetPassword      reset mails per address ({@code RESET_PASSWORD_MAX} per {@code RESET_PASSWORD_WINDOW})
 * @param verifyEmail        verification mails per address ({@code VERIFY_EMAIL_MAX} per {@code VERIFY_EMAIL_WINDOW})
 */
@ConfigurationProperties("parley.auth.mail")
public record MailProperties(@DefaultValue("http://localhost:3080") String domainClient,
                             @DefaultValue Map<String, String> clientUrls,
                             @DefaultValue("LibreChat") String appTitle,
                             @DefaultValue("") String fromName,
                             Integer port,
                             @DefaultValue("") String encryption,
                             @DefaultValue("") String encryptionHostname,
                             @DefaultValue("false") boolean allowSelfSigned,
                             @DefaultValue("https://api.mailgun.net") String mailgunHost,
                             @DefaultValue("10s") Duration timeout,
                             @DefaultValue("15m") Duration resetTokenLifetime,
                             @DefaultValue("15m") Duration verifyTokenLifetime,
                             @DefaultValue Limit resetPassword,
                             @DefaultValue Limit verifyEmail) {

    /**
     * At most {@code max} mails of one kind to one address per {@code window}; application.yml binds
     * each kind's own defaults.
     */
    public record Limit(@DefaultValue("3") int max, @DefaultValue("60m") Duration window) {
    }

    /** The web client of {@code tenantId}, without a trailing slash. */
    String clientUrl(String tenantId) {
        String url = clientUrls.getOrDefault(tenantId, "");
        if (url.isBlank()) {
            url = domainClient.split(",")[0].trim();
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The sender's display name: {@code EMAIL_FROM_NAME}, else {@code APP_TITLE}. */
    String senderName() {
        return fromName.isBlank() ? appTitle : fromName;
    }
}
