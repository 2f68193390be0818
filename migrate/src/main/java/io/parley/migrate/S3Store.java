package io.parley.migrate;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * LibreChat's {@code s3} strategy, and {@code cloudfront}, which keeps its objects in the same bucket. LibreChat
 * writes a presigned GetObject URL into {@code filepath}: virtual-hosted on AWS
 * ({@code https://<bucket>.s3.<region>.amazonaws.com/<key>?X-Amz-…}), path-style on AWS or on its
 * {@code AWS_ENDPOINT_URL} ({@code <endpoint>/<bucket>/<key>?…}); behind CloudFront
 * {@code https://<domain>/<key>}. The key (percent-encoded per segment) is read from the URL and fetched from
 * {@code AWS_BUCKET_NAME} with LibreChat's credentials.
 */
final class S3Store implements ObjectStore {

    static final String SETTINGS = "AWS_BUCKET_NAME and AWS_REGION, with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
            + "(or the SDK's default credentials), and AWS_ENDPOINT_URL and AWS_FORCE_PATH_STYLE for an S3-compatible "
            + "server, as LibreChat has them";
    /** AWS's own S3 hosts: {@code s3.amazonaws.com}, {@code s3.<region>.amazonaws.com}, {@code s3-<region>…}, dualstack. */
    private static final Pattern AWS_HOST = Pattern.compile("s3([.-][a-z0-9-]+)*\\.amazonaws\\.com(\\.cn)?");

    private final S3Client client;
    private final String bucket;
    private final @Nullable URI endpoint;

    private S3Store(S3Client client, String bucket, @Nullable URI endpoint) {
        this.client = client;
        this.bucket = bucket;
        this.endpoint = endpoint;
    }

    /** From LibreChat's variables; null when {@code AWS_BUCKET_NAME} is not set. */
    static @Nullable S3Store from(Map<String, String> env) {
        String bucket = env.getOrDefault("AWS_BUCKET_NAME", "").strip();
        if (bucket.isEmpty()) {
            return null;
        }
        String region = env.getOrDefault("AWS_REGION", "").isBlank() ? "us-east-1" : env.get("AWS_REGION").strip();
        String keyId = env.getOrDefault("AWS_ACCESS_KEY_ID", "");
        AwsCredentialsProvider credentials = keyId.isBlank() ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId.strip(),
                        env.getOrDefault("AWS_SECRET_ACCESS_KEY", "").strip()));
        boolean pathStyle = "true".equalsIgnoreCase(env.getOrDefault("AWS_FORCE_PATH_STYLE", "").strip());
        String endpointUrl = env.getOrDefault("AWS_ENDPOINT_URL", "").strip();
        URI endpoint = endpointUrl.isEmpty() ? null : ObjectUrls.parse(endpointUrl);
        if (!endpointUrl.isEmpty() && endpoint == null) {
            throw new MigrationStopped("AWS_ENDPOINT_URL " + endpointUrl + " is not an http(s) address");
        }
        var builder = S3Client.builder().region(Region.of(region)).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build())
                // checksums only where S3 requires them, as file-service: many S3-compatible servers lack the newer ones
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return new S3Store(builder.build(), bucket, endpoint);
    }

    @Override
    public FileBytes.Found locate(String filepath) {
        URI url = ObjectUrls.parse(filepath);
        if (url == null) {
            // an older LibreChat, or a document edited by hand, may hold the key itself
            String key = filepath.startsWith("/") ? filepath.substring(1) : filepath;
            return found(key.split("\\?", 2)[0]);
        }
        String path = url.getRawPath();
        String host = url.getHost().toLowerCase(Locale.ROOT);
        String bucketHost = bucket.toLowerCase(Locale.ROOT) + ".";
        if (endpoint != null && ObjectUrls.origin(url).equals(ObjectUrls.origin(endpoint))) {
            String prefix = trimSlash(endpoint.getRawPath()) + "/" + bucket + "/";
            if (path.startsWith(prefix)) {
                return found(ObjectUrls.decode(path.substring(prefix.length())));
            }
        } else if (endpoint != null && host.equals(bucketHost + endpoint.getHost().toLowerCase(Locale.ROOT))
                && ObjectUrls.port(url) == ObjectUrls.port(endpoint)) {
            return found(ObjectUrls.decode(path.substring(1)));
        } else if (host.startsWith(bucketHost) && AWS_HOST.matcher(host.substring(bucketHost.length())).matches()) {
            return found(ObjectUrls.decode(path.substring(1)));
        } else if (AWS_HOST.matcher(host).matches() && path.startsWith("/" + bucket + "/")) {
            return found(ObjectUrls.decode(path.substring(bucket.length() + 2)));
        }
        return FileBytes.missing("its filepath points at " + url.getHost() + shortPath(path)
                + ", not at LibreChat's bucket " + bucket + " (AWS_BUCKET_NAME" + (endpoint == null ? "" : ", AWS_ENDPOINT_URL")
                + "): not read");
    }

    /**
     * A CloudFront URL ({@code https://<domain>/<key>}, signed or not): its host is LibreChat's distribution,
     * which is configured in librechat.yaml, so the key is trusted only when it lies in the folder of the file's
     * owner, as every key LibreChat writes does ({@code images|uploads/<user>/…}, possibly under a tenant or region).
     */
    FileBytes.Found locateBehindCloudFront(String filepath, @Nullable String owner) {
        URI url = ObjectUrls.parse(filepath);
        if (url == null) {
            return FileBytes.missing("its filepath is not a CloudFront URL");
        }
        String key = ObjectUrls.decode(url.getRawPath().startsWith("/") ? url.getRawPath().substring(1) : url.getRawPath());
        if (owner == null || key == null || !Arrays.asList(key.split("/")).contains(owner)) {
            return FileBytes.missing("its CloudFront filepath does not lead into its owner's folder: not read");
        }
        return found(key);
    }

    private FileBytes.Found found(@Nullable String key) {
        if (!ObjectUrls.plausibleKey(key)) {
            return FileBytes.missing("its filepath names no object of the bucket " + bucket);
        }
        return FileBytes.found(() -> {
            try {
                ResponseInputStream<GetObjectResponse> object = client.getObject(GetObjectRequest.builder()
                        .bucket(bucket).key(key).build());
                Long length = object.response().contentLength();
                if (length == null) {
                    object.abort();
                    throw new IOException("S3 did not say how long " + key + " is");
                }
                return new StoredBytes.Opened(length, object);
            } catch (NoSuchKeyException e) {
                throw new IOException("the object " + key + " is not in the bucket " + bucket);
            } catch (S3Exception e) {
                throw new IOException("S3 refused " + key + " (status " + e.statusCode() + ", "
                        + e.awsErrorDetails().errorCode() + ")");
            } catch (SdkException e) {
                throw new IOException("S3 cannot be reached: " + e.getMessage());
            }
        });
    }

    private static String trimSlash(@Nullable String path) {
        if (path == null) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Enough of a path to say where it led, never a signature. */
    private static String shortPath(String path) {
        int second = path.indexOf('/', 1);
        return second < 0 ? path : path.substring(0, second) + "/…";
    }

    @Override
    public void close() {
        client.close();
    }
}
