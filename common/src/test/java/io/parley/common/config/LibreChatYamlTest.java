package io.parley.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LibreChatYamlTest {

    record Custom(String name, String apiKey, boolean titleConvo, List<String> models) {
    }

    @Test
    void anOperatorsFileBindsUnderTheLibreChatPrefixWithTypesAndEnvironmentReferences(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("librechat.yaml");
        Files.writeString(file, """
                balance:
                  enabled: true
                  startBalance: 5000
                endpoints:
                  custom:
                    - name: Groq
                      apiKey: "${GROQ_KEY}"
                      titleConvo: true
                      models: [llama-3, mixtral]
                """);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("CONFIG_PATH", file.toString(), "GROQ_KEY", "gsk-123")));

        new LibreChatYaml().postProcessEnvironment(environment, null);

        Binder binder = Binder.get(environment);
        assertThat(binder.bind("librechat.balance.enabled", Boolean.class).get()).isTrue();
        assertThat(binder.bind("librechat.balance.start-balance", Long.class).get()).isEqualTo(5000L);
        Custom groq = binder.bind("librechat.endpoints.custom", Bindable.listOf(Custom.class)).get().getFirst();
        assertThat(groq).isEqualTo(new Custom("Groq", "gsk-123", true, List.of("llama-3", "mixtral")));
    }

    @Test
    void aConfigPathNamingNoFileStopsTheStart(@TempDir Path dir) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("CONFIG_PATH", dir.resolve("missing.yaml").toString())));
        assertThatThrownBy(() -> new LibreChatYaml().postProcessEnvironment(environment, null))
                .hasMessageContaining("CONFIG_PATH");
    }
}
