package io.parley.common.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * Operators' {@code librechat.yaml} (found as LibreChat finds it: {@code CONFIG_PATH}, else
 * {@code ./librechat.yaml}) as properties under the {@code librechat.} prefix, so that services bind
 * its sections ({@code librechat.endpoints.custom[0].name}, {@code librechat.balance.enabled}) like any
 * other setting. Its {@code ${VAR}} references resolve from the environment as Spring placeholders do.
 * Below the environment and application.yml, above {@link ParleyDefaults}.
 */
public class LibreChatYaml implements EnvironmentPostProcessor {

    public static final String PREFIX = "librechat.";
    static final String SOURCE = "librechatYaml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty("CONFIG_PATH", "");
        Path file = Path.of(configured.isBlank() ? "librechat.yaml" : configured);
        if (!Files.isRegularFile(file)) {
            if (!configured.isBlank()) {
                throw new IllegalStateException("CONFIG_PATH names no readable file: " + file);
            }
            return;
        }
        Map<String, Object> prefixed = new LinkedHashMap<>();
        try {
            List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(SOURCE, new FileSystemResource(file));
            for (PropertySource<?> document : documents) {
                if (document instanceof MapPropertySource map) {
                    map.getSource().forEach((key, value) -> prefixed.put(PREFIX + key, value));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        // Values keep their origin (file and line), which is also what lets the binder convert them.
        MapPropertySource source = new OriginTrackedMapPropertySource(SOURCE, prefixed, true);
        if (environment.getPropertySources().contains(ParleyDefaults.SOURCE)) {
            environment.getPropertySources().addBefore(ParleyDefaults.SOURCE, source);
        } else {
            environment.getPropertySources().addLast(source);
        }
    }
}
