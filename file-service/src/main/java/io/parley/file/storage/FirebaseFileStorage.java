package io.parley.file.storage;

import com.google.auth.ServiceAccountSigner;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.HttpStorageOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobWriteOption;
import com.google.cloud.storage.Storage.SignUrlOption;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamSource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;

/**
 * LibreChat's {@code firebase} strategy over Google's Cloud Storage client (a Firebase project's storage
 * bucket is a Cloud Storage bucket), with a service account instead of LibreChat's web-SDK keys. Uploads
 * are resumable uploads sent in {@link #CHUNK} chunks, declaring their length up front; reads are ranged
 * GETs; direct downloads are V4 signed URLs when the credentials can sign, else (no key: user credentials,
 * an emulator without one) {@link #directUrl} is null and downloads go through file-service as local ones do.
 */
final class FirebaseFileStorage implements FileStorage {

    private static final Logger log = LoggerFactory.getLogger(FirebaseFileStorage.class);

    /**
     * The client holds one chunk of an upload at a time and sends it as one request (retried whole when
     * it fails): 8 MB bounds the memory of each upload and is a multiple of the 256 KB that Cloud
     * Storage requires.
     */
    static final int CHUNK = 8 * 1024 * 1024;
    /** The first read of a range, made before the stream is handed out so a missing object is known at once. */
    private static final int FIRST_READ = 64 * 1024;

    private final Storage storage;
    private final String bucket;
    private final @Nullable ServiceAccountSigner signer;
    private final @Nullable String emulatorUrl;
    private final FirebaseStorageProperties settings;

    FirebaseFileStorage(FirebaseStorageProperties settings) {
        if (settings.bucket().isBlank()) {
            throw new IllegalStateException("fileStrategy firebase needs FIREBASE_STORAGE_BUCKET");
        }
        this.settings = settings;
        this.bucket = settings.bucket().strip();
        this.emulatorUrl = settings.emulatorUrl();
        ServiceAccountCredentials key = settings.serviceAccount().isBlank() ? null : serviceAccount(settings.serviceAccount());
        HttpStorageOptions.Builder options = StorageOptions.http();
        String projectId = !settings.projectId().isBlank() ? settings.projectId()
                : key != null && key.getProjectId() != null ? key.getProjectId() : null;
        if (emulatorUrl != null) {
            // an emulator takes requests without credentials; a key, when given, still signs download URLs.
            // A project is named so the client never asks the metadata server for one.
            options.setHost(emulatorUrl).setCredentials(NoCredentials.getInstance())
                    .setProjectId(projectId != null ? projectId : "parley");
            this.signer = key;
        } else {
            GoogleCredentials credentials = key != null ? key : applicationDefault();
            options.setCredentials(credentials);
            if (projectId != null) {
                options.setProjectId(projectId);
            }
            // a service-account key signs locally; the metadata server's credentials sign through the IAM API
            this.signer = credentials instanceof ServiceAccountSigner signing ? signing : null;
        }
        this.storage = options.build().getService();
        if (signer == null) {
            log.info("fileStrategy firebase: the credentials cannot sign URLs, so downloads of bucket={} go through file-service",
                    bucket);
        }
    }

    @Override
    public String source() {
        return "firebase";
    }

    @Override
    public long put(String key, InputStreamSource content, long length) throws IOException {
        BlobInfo info = BlobInfo.newBuilder(blob(key)).setContentType("application/octet-stream").build();
        WriteChannel channel;
        try {
            channel = storage.writer(info, BlobWriteOption.expectedObjectSize(length));
        } catch (StorageException e) {
            throw failure("refused the upload", key, e);
        }
        channel.setChunkSize(CHUNK);
        long copied = 0;
        // On failure the channel is left unclosed: closing it would finish the object with the bytes sent
        // so far. The unfinished upload is never visible and Cloud Storage drops it after a week.
        try (InputStream in = content.getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                copied += n;
            }
        } catch (IOException | StorageException e) {
            throw failure("refused the upload", key, e);
        }
        if (copied != length) {
            throw new IOException("The upload held " + copied + " bytes, not the " + length + " announced");
        }
        try {
            channel.close();
        } catch (IOException | StorageException e) {
            throw failure("refused the upload", key, e);
        }
        return length;
    }

    @Override
    public @Nullable Resource open(String key) throws IOException {
        try {
            com.google.cloud.storage.Blob found = storage.get(blob(key));
            return found == null ? null : new ObjectResource(key, found.getSize());
        } catch (StorageException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw failure("could not be read", key, e);
        }
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        ReadChannel channel = storage.reader(blob(key));
        try {
            channel.seek(offset);
            channel.limit(offset + length);
            ByteBuffer first = ByteBuffer.allocate((int) Math.min(length, FIRST_READ));
            if (channel.read(first) < 0) {
                first.limit(0);
            } else {
                first.flip();
            }
            return new SequenceInputStream(new ByteArrayInputStream(first.array(), 0, first.limit()),
                    Channels.newInputStream(channel));
        } catch (IOException | StorageException e) {
            channel.close();
            throw failure("could not be read", key, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            storage.delete(blob(key));
        } catch (StorageException e) {
            throw failure("refused the delete", key, e);
        }
    }

    /** A V4 signed GET naming the download; null when the credentials cannot sign (the service streams it then). */
    @Override
    public @Nullable URI directUrl(String key, String filename, String contentType) {
        if (signer == null) {
            return null;
        }
        List<SignUrlOption> options = new ArrayList<>(List.of(SignUrlOption.withV4Signature(), SignUrlOption.signWith(signer),
                SignUrlOption.withQueryParams(Map.of(
                        "response-content-disposition",
                        ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString(),
                        "response-content-type", contentType))));
        if (emulatorUrl != null) {
            options.add(SignUrlOption.withHostName(emulatorUrl));
            options.add(SignUrlOption.withPathStyle());
        }
        try {
            return storage.signUrl(BlobInfo.newBuilder(blob(key)).build(), settings.urlExpiry().toSeconds(), TimeUnit.SECONDS,
                    options.toArray(SignUrlOption[]::new)).toURI();
        } catch (RuntimeException | URISyntaxException e) {
            // the metadata server's credentials sign through the IAM API, which may refuse (a missing
            // iam.serviceAccounts.signBlob permission): the download goes through file-service instead
            log.warn("fileStrategy firebase: could not sign a download URL for bucket={}, streaming instead ({})", bucket,
                    e.getClass().getSimpleName());
            return null;
        }
    }

    private BlobId blob(String key) {
        return BlobId.of(bucket, key);
    }

    /** A 404 anywhere in the cause chain is {@link FileNotFoundException}; the rest keeps its status. */
    private static IOException failure(String what, String key, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StorageException storageError) {
                if (storageError.getCode() == 404) {
                    return new FileNotFoundException("Cloud Storage object " + key);
                }
                return new IOException("Cloud Storage " + what + " (status " + storageError.getCode() + ")", e);
            }
        }
        return e instanceof IOException io ? io : new IOException("Cloud Storage " + what, e);
    }

    /** {@code FIREBASE_SERVICE_ACCOUNT}: the key's JSON, or the path of a file holding it. */
    private static ServiceAccountCredentials serviceAccount(String value) {
        String trimmed = value.strip();
        try (InputStream in = trimmed.startsWith("{")
                ? new ByteArrayInputStream(trimmed.getBytes(StandardCharsets.UTF_8))
                : Files.newInputStream(Path.of(trimmed))) {
            return ServiceAccountCredentials.fromStream(in);
        } catch (IOException | RuntimeException e) {
            // the message never repeats the value: it may be the key itself
            throw new IllegalStateException("fileStrategy firebase: FIREBASE_SERVICE_ACCOUNT is neither a service-account "
                    + "JSON key nor the path of a readable one (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static GoogleCredentials applicationDefault() {
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            throw new IllegalStateException("fileStrategy firebase needs a service account: FIREBASE_SERVICE_ACCOUNT (a JSON "
                    + "key or its path) or Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS, workload identity)", e);
        }
    }

    /** An object read on demand. */
    private final class ObjectResource extends RemoteObjectResource {
        private final String key;

        ObjectResource(String key, long length) {
            super(length);
            this.key = key;
        }

        @Override
        public String getDescription() {
            return "Cloud Storage object " + key;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return read(key, 0, contentLength());
        }
    }
}
