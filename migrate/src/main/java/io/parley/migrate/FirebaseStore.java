package io.parley.migrate;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * LibreChat's {@code firebase} strategy: it writes Firebase's download URL into {@code filepath}
 * ({@code https://firebasestorage.googleapis.com/v0/b/<bucket>/o/<object, encoded whole>?alt=media&token=…});
 * Cloud Storage's own {@code https://storage.googleapis.com/<bucket>/<object>} is taken too. The object is read
 * from {@code FIREBASE_STORAGE_BUCKET} with Google's Cloud Storage client and the settings file-service's
 * firebase strategy reads: {@code FIREBASE_PROJECT_ID}, {@code FIREBASE_SERVICE_ACCOUNT} (a service account's
 * JSON key or its path; else Application Default Credentials), {@code FIREBASE_STORAGE_EMULATOR_HOST} or
 * {@code STORAGE_EMULATOR_HOST} for an emulator.
 */
final class FirebaseStore implements ObjectStore {

    static final String SETTINGS = "FIREBASE_STORAGE_BUCKET, with FIREBASE_SERVICE_ACCOUNT (a service account's JSON key "
            + "or its path; else Google's default credentials) and FIREBASE_PROJECT_ID";
    private static final String FIREBASE_HOST = "firebasestorage.googleapis.com";
    private static final String STORAGE_HOST = "storage.googleapis.com";

    private final Storage storage;
    private final String bucket;
    private final @Nullable URI emulator;

    private FirebaseStore(Storage storage, String bucket, @Nullable URI emulator) {
        this.storage = storage;
        this.bucket = bucket;
        this.emulator = emulator;
    }

    /** From the variables; null when {@code FIREBASE_STORAGE_BUCKET} is not set. */
    static @Nullable FirebaseStore from(Map<String, String> env) {
        String bucket = env.getOrDefault("FIREBASE_STORAGE_BUCKET", "").strip();
        if (bucket.isEmpty()) {
            return null;
        }
        String emulatorHost = env.getOrDefault("FIREBASE_STORAGE_EMULATOR_HOST", env.getOrDefault("STORAGE_EMULATOR_HOST", "")).strip();
        URI emulator = emulatorHost.isEmpty() ? null
                : ObjectUrls.parse(emulatorHost.contains("://") ? emulatorHost : "http://" + emulatorHost);
        String projectId = env.getOrDefault("FIREBASE_PROJECT_ID", "").strip();
        String account = env.getOrDefault("FIREBASE_SERVICE_ACCOUNT", "").strip();
        var options = StorageOptions.http();
        if (emulator != null) {
            options.setHost(emulator.getScheme() + "://" + emulator.getRawAuthority()).setCredentials(NoCredentials.getInstance())
                    .setProjectId(projectId.isEmpty() ? "parley" : projectId);
        } else {
            options.setCredentials(credentials(account));
            if (!projectId.isEmpty()) {
                options.setProjectId(projectId);
            }
        }
        return new FirebaseStore(options.build().getService(), bucket, emulator);
    }

    private static GoogleCredentials credentials(String account) {
        try {
            if (account.isEmpty()) {
                return GoogleCredentials.getApplicationDefault();
            }
            try (InputStream in = account.startsWith("{")
                    ? new ByteArrayInputStream(account.getBytes(StandardCharsets.UTF_8)) : Files.newInputStream(Path.of(account))) {
                return ServiceAccountCredentials.fromStream(in);
            }
        } catch (IOException | RuntimeException e) {
            // never the message: it may quote the key
            throw new MigrationStopped(account.isEmpty() ? "no Google credentials for FIREBASE_STORAGE_BUCKET: set "
                    + "FIREBASE_SERVICE_ACCOUNT or GOOGLE_APPLICATION_CREDENTIALS"
                    : "FIREBASE_SERVICE_ACCOUNT is neither a service account's JSON key nor the path of one");
        }
    }

    @Override
    public FileBytes.Found locate(String filepath) {
        URI url = ObjectUrls.parse(filepath);
        String name = url == null ? null : objectName(url);
        if (name == null) {
            return FileBytes.missing("its filepath points at " + (url == null ? "no download URL" : url.getHost())
                    + ", not into LibreChat's bucket " + bucket + " (FIREBASE_STORAGE_BUCKET): not read");
        }
        if (!ObjectUrls.plausibleKey(name)) {
            return FileBytes.missing("its filepath names no object of the bucket " + bucket);
        }
        BlobId id = BlobId.of(bucket, name);
        return FileBytes.found(() -> {
            try {
                Blob blob = storage.get(id);
                if (blob == null || blob.getSize() == null) {
                    throw new IOException("the object " + name + " is not in the bucket " + bucket);
                }
                return new StoredBytes.Opened(blob.getSize(), Channels.newInputStream(storage.reader(id)));
            } catch (StorageException e) {
                throw new IOException("Cloud Storage refused " + name + " (status " + e.getCode() + ")");
            }
        });
    }

    /** The object a URL of this bucket names; null for a URL of another host or bucket. */
    private @Nullable String objectName(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        boolean firebase = emulator != null ? ObjectUrls.origin(url).equals(ObjectUrls.origin(emulator)) : host.equals(FIREBASE_HOST);
        String path = url.getRawPath();
        String v0 = "/v0/b/" + bucket + "/o/";
        if (firebase && path.startsWith(v0)) {
            return ObjectUrls.decode(path.substring(v0.length()));
        }
        if (emulator == null && host.equals(STORAGE_HOST) && path.startsWith("/" + bucket + "/")) {
            return ObjectUrls.decode(path.substring(bucket.length() + 2));
        }
        return null;
    }

    @Override
    public void close() {
        try {
            storage.close();
        } catch (Exception e) {
            // closing only releases the client's threads
        }
    }
}
