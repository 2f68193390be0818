package io.parley.file.storage;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code firebase} strategy, bound in application.yml from LibreChat's {@code FIREBASE_PROJECT_ID} and
 * {@code FIREBASE_STORAGE_BUCKET} plus a service account. LibreChat's other Firebase variables
 * ({@code FIREBASE_API_KEY}, {@code FIREBASE_AUTH_DOMAIN}, …) configure its web SDK, whose requests are
 * judged by Firebase's security rules; a server writes with a service account instead, so they are not read.
 *
 * @param projectId      {@code FIREBASE_PROJECT_ID}; empty: the service account's project
 * @param bucket         {@code FIREBASE_STORAGE_BUCKET} ({@code <project>.appspot.com} or
 *                       {@code <project>.firebasestorage.app}), a Cloud Storage bucket
 * @param serviceAccount {@code FIREBASE_SERVICE_ACCOUNT}: the path of a service-account JSON key, or that
 *                       JSON itself; empty: Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS},
 *                       workload identity, the metadata server)
 * @param emulatorHost   {@code FIREBASE_STORAGE_EMULATOR_HOST} or {@code STORAGE_EMULATOR_HOST} ({@code host:port}
 *                       or a URL): an emulator, reached without credentials; empty: Google's endpoint
 * @param urlExpiry      lifetime of signed download URLs (V4: at most 7 days)
 */
@ConfigurationProperties("parley.file.firebase")
public record FirebaseStorageProperties(@DefaultValue("") String projectId, @DefaultValue("") String bucket,
                                        @DefaultValue("") String serviceAccount, @DefaultValue("") String emulatorHost,
                                        @DefaultValue("120s") Duration urlExpiry) {

    /** The emulator's base URL ({@code http://host:port}), or null when Google's endpoint is used. */
    @Nullable String emulatorUrl() {
        if (emulatorHost.isBlank()) {
            return null;
        }
        String host = emulatorHost.strip();
        host = host.contains("://") ? host : "http://" + host;
        return host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        // the service account may be the key itself
        return "FirebaseStorageProperties[projectId=" + projectId + ", bucket=" + bucket + ", emulatorHost=" + emulatorHost + "]";
    }
}
