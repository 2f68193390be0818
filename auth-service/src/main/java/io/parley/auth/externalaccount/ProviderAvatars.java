package io.parley.auth.externalaccount;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.auth.token.TokenIssuer;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Copies the picture a provider names for a new account into file-service, as LibreChat keeps social
 * avatars in its own storage: browsers then load it from the installation, not from the provider, and
 * it stays when the provider's link changes. It runs after the sign-in has answered; until it is done,
 * and when it fails (the picture unreachable, not an image, file-service down), the provider's URL
 * stays. A picture the person chose meanwhile is never replaced.
 */
@Component
class ProviderAvatars {

    private static final Logger log = LoggerFactory.getLogger(ProviderAvatars.class);
    /** file-service applies its own avatarSizeLimit; this only bounds what is read from the provider. */
    static final int MAX_BYTES = 5 * 1024 * 1024;
    /** Copies running at once; sign-ins beyond keep the provider's URL. */
    static final int MAX_IN_FLIGHT = 100;

    private final AvatarFiles files;
    private final TokenIssuer tokens;
    private final Users users;
    private final boolean enabled;
    private final HttpClient http;
    /** Each copy on its own virtual thread: a slow provider holds up no other copy. */
    private final ExecutorService copies = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("avatar-copy-", 0).factory());
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Counter copied;
    private final Counter failed;

    ProviderAvatars(AvatarFiles files, TokenIssuer tokens, Users users, MeterRegistry meters,
                    @Value("${parley.auth.oauth.copy-avatars:true}") boolean enabled) {
        this.files = files;
        this.tokens = tokens;
        this.users = users;
        this.enabled = enabled;
        // redirects are not followed: the provider's URL is trusted, wherever it might send us is not
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.copied = Counter.builder("parley.auth.avatar.copies").tag("outcome", "copied")
                .description("Provider pictures copied into file-service").register(meters);
        this.failed = Counter.builder("parley.auth.avatar.copies").tag("outcome", "failed")
                .description("Provider pictures that could not be copied (the provider's URL stays)").register(meters);
    }

    /** Starts copying the user's provider picture, if there is one. */
    void copyLater(User user) {
        String picture = user.avatar();
        if (!enabled || picture == null || !(picture.startsWith("https://") || picture.startsWith("http://"))) {
            return;
        }
        if (!inFlight.tryAcquire()) {
            failed.increment();
            log.warn("Provider picture not copied tenant_id={} user_id={} reason=busy", user.tenantId(), user.idString());
            return;
        }
        try {
            copies.execute(() -> {
                try {
                    copy(user, picture);
                } finally {
                    inFlight.release();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.release(); // shutting down
        }
    }

    private void copy(User user, String picture) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(picture))
                    .timeout(Duration.ofSeconds(10)).header("Accept", "image/*").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("Content-Type").orElse("");
            byte[] image;
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200 || !type.startsWith("image/")) {
                    throw new IOException("the provider answered " + response.statusCode() + " " + type);
                }
                image = body.readNBytes(MAX_BYTES + 1);
            }
            if (image.length == 0 || image.length > MAX_BYTES) {
                throw new IOException("the picture has " + image.length + " bytes");
            }
            String filepath = files.store(tokens.accessToken(user, "avatar-copy"), image, type);
            if (users.replaceAvatar(user.tenantId(), user.idString(), picture, filepath)) {
                copied.increment();
                log.info("Provider picture copied tenant_id={} user_id={}", user.tenantId(), user.idString());
            } else {
                failed.increment();
                log.info("Provider picture not used: the avatar changed meanwhile tenant_id={} user_id={}",
                        user.tenantId(), user.idString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.increment();
        } catch (Exception e) {
            failed.increment();
            log.warn("Provider picture not copied tenant_id={} user_id={} reason={}", user.tenantId(), user.idString(),
                    e.toString());
        }
    }

    @PreDestroy
    void stop() {
        copies.shutdownNow();
    }
}
