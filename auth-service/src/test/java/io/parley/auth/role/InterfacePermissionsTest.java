package io.parley.auth.role;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.config.LibreChatYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The {@code interface} section read from librechat.yaml itself, as an operator writes it. */
class InterfacePermissionsTest {

    @TempDir
    Path dir;

    private InterfacePermissions fromYaml(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("librechat.yaml"), yaml);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("CONFIG_PATH", file.toString())));
        new LibreChatYaml().postProcessEnvironment(environment, null);
        InterfacePermissions.InterfaceSection section = Binder.get(environment)
                .bindOrCreate("librechat", InterfacePermissions.InterfaceSection.class);
        return new InterfacePermissions(section, null);
    }

    @Test
    void booleansAndObjectsOfTheYamlFileBecomeTheRolesPermissions() throws IOException {
        InterfacePermissions permissions = fromYaml("""
                version: 1.2.1
                interface:
                  customWelcome: "Welcome"
                  bookmarks: false
                  runCode: false
                  agents:
                    use: true
                    share: true
                  peoplePicker:
                    groups: true
                  marketplace:
                    use: true
                  mcpServers:
                    placeholder: "MCP"
                """);

        Map<String, Map<String, Boolean>> user = permissions.configured("USER");

        assertThat(user).containsOnlyKeys("BOOKMARKS", "RUN_CODE", "AGENTS", "PEOPLE_PICKER", "MARKETPLACE");
        assertThat(user.get("BOOKMARKS")).isEqualTo(Map.of("USE", false));
        assertThat(user.get("AGENTS")).isEqualTo(Map.of("USE", true, "CREATE", true, "SHARE", true,
                "SHARE_PUBLIC", false));
        assertThat(user.get("PEOPLE_PICKER")).isEqualTo(Map.of("VIEW_USERS", false, "VIEW_GROUPS", true,
                "VIEW_ROLES", false));
        assertThat(permissions.initial("ADMIN").get("RUN_CODE")).isEqualTo(Map.of("USE", false));
        assertThat(permissions.initial("ADMIN").get("MARKETPLACE")).isEqualTo(Map.of("USE", true));
    }

    @Test
    void withoutTheSectionTheRolesKeepLibreChatsDefaults() throws IOException {
        InterfacePermissions permissions = fromYaml("version: 1.2.1\n");

        assertThat(permissions.configured("USER")).isEmpty();
        assertThat(permissions.initial("USER")).isEqualTo(Permissions.defaults("USER"));
        assertThat(permissions.initial("ADMIN")).isEqualTo(Permissions.defaults("ADMIN"));
    }
}
