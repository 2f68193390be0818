package io.parley.file.limits;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * librechat.yaml's {@code fileConfig}, with LibreChat's names. Sizes are in MB as in the yaml; unset
 * values take LibreChat's defaults ({@link FileLimits}).
 *
 * @param endpoints           per endpoint name ({@code default} for the rest)
 * @param serverFileSizeLimit the largest file any upload may carry, MB
 * @param avatarSizeLimit     the largest avatar image, MB
 */
@ConfigurationProperties("librechat.file-config")
public record FileConfigProperties(@DefaultValue Map<String, Endpoint> endpoints, Double serverFileSizeLimit,
                                   Double avatarSizeLimit) {

    /**
     * @param fileLimit          files per request (one message's attachments)
     * @param fileSizeLimit      MB per file
     * @param totalSizeLimit     MB per request
     * @param supportedMimeTypes regular expressions the detected type must match
     * @param disabled           no uploads at all for this endpoint
     */
    public record Endpoint(Integer fileLimit, Double fileSizeLimit, Double totalSizeLimit,
                           List<String> supportedMimeTypes, Boolean disabled) {
    }
}
