package io.parley.file.storage;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * librechat.yaml's {@code fileStrategy} (default {@code local}) and {@code fileStrategies}
 * ({@code {default?, avatar?, image?, document?}}), plus where the local strategy keeps its files.
 *
 * @param fileStrategy   the strategy of every kind not named in {@code fileStrategies}
 * @param fileStrategies per kind: {@code default}, {@code avatar}, {@code image}, {@code document}
 */
@ConfigurationProperties("librechat")
public record StorageProperties(@DefaultValue("local") String fileStrategy,
                                @DefaultValue Map<String, String> fileStrategies) {

    /** The strategy name for one kind of file. */
    String strategyFor(FileKind kind) {
        String specific = value(kind.name().toLowerCase(java.util.Locale.ROOT));
        if (specific != null) {
            return specific;
        }
        String fallback = value("default");
        return fallback != null ? fallback : fileStrategy;
    }

    private String value(String key) {
        return fileStrategies.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
    }
}
