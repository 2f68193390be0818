package io.parley.chat.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class UserKeyCipherTest {

    private static final String CREDS_KEY = "f".repeat(16) + "0123456789abcdef".repeat(3);

    @TempDir
    Path dir;

    @Test
    void refusesACredsKeyOfTheWrongLengthWithoutShowingIt() {
        String tooShort = "abcdef0123456789".repeat(2);
        assertThatThrownBy(() -> new UserKeyCipher(new UserKeyProperties(tooShort, dir.resolve("creds.key"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CREDS_KEY must be 64 hexadecimal characters")
                .hasMessageContaining("has 32 characters")
                .hasMessageNotContaining(tooShort);
        assertThatThrownBy(() -> new UserKeyCipher(new UserKeyProperties(CREDS_KEY + "00", dir.resolve("creds.key"))))
                .hasMessageContaining("has 66 characters");
        assertThat(dir.resolve("creds.key")).doesNotExist();
    }

    @Test
    void refusesACredsKeyThatIsNotHexadecimal() {
        String notHex = "z".repeat(64);
        assertThatThrownBy(() -> new UserKeyCipher(new UserKeyProperties(notHex, dir.resolve("creds.key"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not all hexadecimal")
                .hasMessageNotContaining(notHex);
    }

    @Test
    void aCredsKeySealsAndOpensWithoutWritingAKeyFile() {
        UserKeyCipher cipher = new UserKeyCipher(new UserKeyProperties(CREDS_KEY, dir.resolve("creds.key")));
        byte[] sealed = cipher.seal("sk-secret", "acme", "u1", "openAI");

        assertThat(new UserKeyCipher(new UserKeyProperties(" " + CREDS_KEY.toUpperCase() + "\n", dir.resolve("other")))
                .open(sealed, "acme", "u1", "openAI")).as("the same key, as .env files may write it").isEqualTo("sk-secret");
        assertThat(dir.resolve("creds.key")).doesNotExist();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void withoutCredsKeyGeneratesAnOwnerOnlyKeyFileOnceAndKeepsUsingIt(CapturedOutput output) throws IOException {
        Path file = dir.resolve("data/chat-service/creds.key");
        UserKeyCipher first = new UserKeyCipher(new UserKeyProperties("", file));
        byte[] sealed = first.seal("sk-secret", "acme", "u1", "openAI");

        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
        assertThat(stored).matches("[0-9a-f]{64}");
        assertThat(output.getAll()).contains("CREDS_KEY is not set: generated a key").contains(file.toString())
                .doesNotContain(stored);

        UserKeyCipher restarted = new UserKeyCipher(new UserKeyProperties("", file));
        assertThat(restarted.open(sealed, "acme", "u1", "openAI")).isEqualTo("sk-secret");
        assertThat(Files.readString(file, StandardCharsets.US_ASCII).strip()).as("not regenerated").isEqualTo(stored);
        assertThat(new UserKeyCipher(new UserKeyProperties(stored, dir.resolve("unused"))).open(sealed, "acme", "u1", "openAI"))
                .as("the file holds what CREDS_KEY would").isEqualTo("sk-secret");
    }

    @Test
    void aCorruptKeyFileStopsTheStart() throws IOException {
        Path file = dir.resolve("creds.key");
        Files.writeString(file, "not a key");
        assertThatThrownBy(() -> new UserKeyCipher(new UserKeyProperties("", file)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The key file " + file)
                .hasMessageContaining("64 hexadecimal characters");
    }

    @Test
    void anotherKeyCannotOpenAValue() {
        byte[] sealed = cipher().seal("sk-secret", "acme", "u1", "openAI");
        UserKeyCipher other = new UserKeyCipher(new UserKeyProperties("0".repeat(64), dir.resolve("unused")));
        assertThatThrownBy(() -> other.open(sealed, "acme", "u1", "openAI")).isInstanceOf(UserKeyCipher.Unreadable.class);
    }

    @Test
    void aValueOpensOnlyInTheRowItWasSealedFor() {
        UserKeyCipher cipher = cipher();
        byte[] sealed = cipher.seal("sk-secret", "acme", "u1", "openAI");

        assertThat(cipher.open(sealed, "acme", "u1", "openAI")).isEqualTo("sk-secret");
        for (String[] row : new String[][] {{"globex", "u1", "openAI"}, {"acme", "u2", "openAI"}, {"acme", "u1", "anthropic"},
                {"acmeu", "1", "openAI"}, {"acme", "u1o", "penAI"}}) {
            assertThatThrownBy(() -> cipher.open(sealed, row[0], row[1], row[2])).as(String.join("/", row))
                    .isInstanceOf(UserKeyCipher.Unreadable.class)
                    .hasMessageNotContaining("sk-secret");
        }
    }

    @Test
    void anAlteredOrTruncatedValueDoesNotOpen() {
        UserKeyCipher cipher = cipher();
        byte[] sealed = cipher.seal("sk-secret", "acme", "u1", "openAI");
        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 1;
            assertThatThrownBy(() -> cipher.open(altered, "acme", "u1", "openAI")).isInstanceOf(UserKeyCipher.Unreadable.class);
        }
        assertThatThrownBy(() -> cipher.open(new byte[5], "acme", "u1", "openAI")).isInstanceOf(UserKeyCipher.Unreadable.class);
    }

    @Test
    void sealingTheSameValueTwiceGivesDifferentBytes() {
        UserKeyCipher cipher = cipher();
        byte[] one = cipher.seal("sk-secret", "acme", "u1", "openAI");
        byte[] two = cipher.seal("sk-secret", "acme", "u1", "openAI");
        assertThat(one).isNotEqualTo(two);
        assertThat(HexFormat.of().formatHex(one)).doesNotContain(HexFormat.of().formatHex("sk-secret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void credsKeyAndTheDataFolderAreBoundFromApplicationYml() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);

        UserKeyProperties defaults = Binder.get(environment).bind("parley.chat.keys", UserKeyProperties.class).get();
        assertThat(defaults.credsKey()).isEmpty();
        assertThat(defaults.keyFile()).isEqualTo(Path.of("data/chat-service/creds.key"));

        environment.getPropertySources().addFirst(new MapPropertySource("env",
                Map.of("CREDS_KEY", CREDS_KEY, "parley.mongo.embedded.data-dir", "/var/lib/parley")));
        UserKeyProperties set = Binder.get(environment).bind("parley.chat.keys", UserKeyProperties.class).get();
        assertThat(set.credsKey()).isEqualTo(CREDS_KEY);
        assertThat(set.keyFile()).isEqualTo(Path.of("/var/lib/parley/chat-service/creds.key"));
        assertThat(set.toString()).doesNotContain(CREDS_KEY);
    }

    private UserKeyCipher cipher() {
        return new UserKeyCipher(new UserKeyProperties(CREDS_KEY, dir.resolve("unused")));
    }
}
