package io.parley.file.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.springframework.core.io.InputStreamSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import org.springframework.core.io.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * LibreChat's {@code s3} strategy over AWS SDK v2: any S3-compatible server. Uploads stream with their
 * known length (one PUT, up to S3's 5 GB); downloads stream from the object; direct downloads are
 * presigned GET URLs.
 */
final class S3FileStorage implements FileStorage {

    private final S3Client client;
    private final S3Presigner presigner;
    private final S3Properties settings;

    S3FileStorage(S3Properties settings) {
        if (settings.bucket().isBlank()) {
            throw new IllegalStateException("fileStrategy s3 needs AWS_BUCKET_NAME");
        }
        this.settings = settings;
        AwsCredentialsProvider credentials = settings.accessKeyId().isBlank() ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        S3Configuration s3 = S3Configuration.builder().pathStyleAccessEnabled(settings.forcePathStyle()).build();
        var builder = S3Client.builder().region(Region.of(settings.region())).credentialsProvider(credentials)
                .serviceConfiguration(s3)
                // checksums only where S3 requires them: many S3-compatible servers reject the newer trailers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presign = S3Presigner.builder().region(Region.of(settings.region())).credentialsProvider(credentials)
                .serviceConfiguration(s3);
        if (settings.endpoint().startsWith("http://")) {
            // over plain HTTP the SDK would sign the body in aws-chunked frames, which S3-compatible servers
            // often store verbatim; send it as it is (what the SDK does over HTTPS), streamed with its length
            S3AuthSchemeProvider defaults = S3AuthSchemeProvider.defaultProvider();
            builder.authSchemeProvider(params -> defaults.resolveAuthScheme(params).stream()
                    .map(option -> option.toBuilder()
                            .putSignerProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                            .putSignerProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false).build())
                    .toList());
        }
        if (!settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint()));
            presign.endpointOverride(URI.create(settings.endpoint()));
        }
        this.client = builder.build();
        this.presigner = presign.build();
    }

    @Override
    public String source() {
        return "s3";
    }

    @Override
    public long put(String key, InputStreamSource content, long length) throws IOException {
        ContentStreamProvider reopened = () -> {
            try {
                return content.getInputStream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        try {
            client.putObject(b -> b.bucket(settings.bucket()).key(key).contentLength(length),
                    RequestBody.fromContentProvider(reopened, length, "application/octet-stream"));
            return length;
        } catch (S3Exception e) {
            throw new IOException("S3 refused the upload (status " + e.statusCode() + ")", e);
        }
    }

    @Override
    public Resource open(String key) throws IOException {
        try {
            HeadObjectResponse head = client.headObject(b -> b.bucket(settings.bucket()).key(key));
            return new ObjectResource(key, head.contentLength());
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw new IOException("S3 could not be read (status " + e.statusCode() + ")", e);
        }
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        try {
            return client.getObject(b -> b.bucket(settings.bucket()).key(key)
                    .range("bytes=" + offset + "-" + (offset + length - 1)));
        } catch (NoSuchKeyException e) {
            throw new FileNotFoundException("S3 object " + key);
        } catch (S3Exception e) {
            throw new IOException("S3 could not be read (status " + e.statusCode() + ")", e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            client.deleteObject(b -> b.bucket(settings.bucket()).key(key));
        } catch (S3Exception e) {
            throw new IOException("S3 refused the delete (status " + e.statusCode() + ")", e);
        }
    }

    @Override
    public URI directUrl(String key, String filename, String contentType) {
        GetObjectRequest get = GetObjectRequest.builder().bucket(settings.bucket()).key(key)
                .responseContentDisposition(org.springframework.http.ContentDisposition.attachment()
                        .filename(filename, java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .responseContentType(contentType).build();
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(settings.urlExpiry()).getObjectRequest(get))
                .url().toString());
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
            return "S3 object " + key;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            try {
                return client.getObject(b -> b.bucket(settings.bucket()).key(key));
            } catch (NoSuchKeyException e) {
                throw new FileNotFoundException(getDescription());
            } catch (S3Exception e) {
                throw new IOException("S3 could not be read (status " + e.statusCode() + ")", e);
            }
        }
    }
}
