package io.parley.file.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code s3} strategy, bound from LibreChat's variables in application.yml. Credentials may be
 * left empty to use the SDK's default chain (instance roles, web identity, profiles).
 *
 * @param endpoint        an S3-compatible endpoint ({@code AWS_ENDPOINT_URL}); empty for AWS itself
 * @param region          {@code AWS_REGION}
 * @param bucket          {@code AWS_BUCKET_NAME}
 * @param accessKeyId     {@code AWS_ACCESS_KEY_ID}
 * @param secretAccessKey {@code AWS_SECRET_ACCESS_KEY}
 * @param forcePathStyle  {@code AWS_FORCE_PATH_STYLE}: bucket in the path, as most S3-compatible servers need
 * @param urlExpiry       lifetime of presigned download URLs ({@code S3_URL_EXPIRY_SECONDS})
 */
@ConfigurationProperties("parley.file.s3")
public record S3Properties(@DefaultValue("") String endpoint, @DefaultValue("us-east-1") String region,
                           @DefaultValue("") String bucket, @DefaultValue("") String accessKeyId,
                           @DefaultValue("") String secretAccessKey, @DefaultValue("false") boolean forcePathStyle,
                           @DefaultValue("120s") Duration urlExpiry) {

    @Override
    public String toString() {
        // never print the secret
        return "S3Properties[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + "]";
    }
}
