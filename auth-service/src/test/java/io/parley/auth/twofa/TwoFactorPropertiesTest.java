package io.parley.auth.twofa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class TwoFactorPropertiesTest {

    private static final String KEY = "0123456789abcdef".repeat(4);

    @Test
    void defaultsFollowTheLoginLimitsAndTheDataFolder() throws IOException {
        TwoFactorProperties defaults = bind(Map.of());
        assertThat(defaults.key()).isEmpty();
        assertThat(defaults.keyFile()).isEqualTo(Path.of("data/auth-service/two-factor.key"));
        assertThat(defaults.appTitle()).isEqualTo("LibreChat");
        assertThat(defaults.attemptsMax()).isEqualTo(5);
        assertThat(defaults.attemptsWindow()).isEqualTo(Duration.ofMinutes(15));

        TwoFactorProperties login = bind(Map.of("LOGIN_MAX", "7", "LOGIN_WINDOW", "5"));
        assertThat(login.attemptsMax()).isEqualTo(7);
        assertThat(login.attemptsWindow()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void libreChatsAndParleysEnvironmentNamesWin() throws IOException {
        TwoFactorProperties set = bind(Map.of("TWO_FACTOR_KEY", KEY, "TWO_FACTOR_TEMP_MAX", "3", "TWO_FACTOR_TEMP_WINDOW", "2",
                "LOGIN_MAX", "7", "APP_TITLE", "Parley Chat", "parley.mongo.embedded.data-dir", "/var/lib/parley"));
        assertThat(set.key()).isEqualTo(KEY);
        assertThat(set.keyFile()).isEqualTo(Path.of("/var/lib/parley/auth-service/two-factor.key"));
        assertThat(set.attemptsMax()).isEqualTo(3);
        assertThat(set.attemptsWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(set.appTitle()).isEqualTo("Parley Chat");
        assertThat(set.toString()).doesNotContain(KEY);
    }

    private static TwoFactorProperties bind(Map<String, Object> env) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        environment.getPropertySources().addFirst(new MapPropertySource("env", env));
        return Binder.get(environment).bind("parley.auth.two-factor", TwoFactorProperties.class).get();
    }
}
