package io.parley.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmSealerTest {

    private static final SecretKey KEY = SecretKeys.parse("0123456789abcdef".repeat(4), "TEST_KEY");
    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aValueOpensOnlyForItsPurposeAndContext() {
        AesGcmSealer keys = new AesGcmSealer(KEY, "parley.user-key.v1");
        byte[] sealed = keys.seal(SECRET, "acme", "u1", "openAI");

        assertThat(keys.open(sealed, "acme", "u1", "openAI")).isEqualTo(SECRET);
        assertThatThrownBy(() -> new AesGcmSealer(KEY, "parley.totp-secret.v1").open(sealed, "acme", "u1", "openAI"))
                .as("same key, another purpose").isInstanceOf(AesGcmSealer.Unreadable.class);
        assertThatThrownBy(() -> keys.open(sealed, "acme", "u1")).isInstanceOf(AesGcmSealer.Unreadable.class);
        assertThatThrownBy(() -> keys.open(sealed, "acme", "u", "1openAI")).isInstanceOf(AesGcmSealer.Unreadable.class);
        assertThatThrownBy(() -> keys.open(null, "acme", "u1", "openAI")).isInstanceOf(AesGcmSealer.Unreadable.class);
    }

    @Test
    void aGeneratedKeyFileServesTheNextStartAndNamesTheSettingToSet() {
        Path file = dir.resolve("svc/two-factor.key");
        byte[] sealed = new AesGcmSealer(SecretKeys.fromSettingOrFile("", "TWO_FACTOR_KEY", file, "two-factor secrets"), "p")
                .seal(SECRET, "t");

        assertThat(file).exists();
        assertThat(new AesGcmSealer(SecretKeys.fromSettingOrFile(" ", "TWO_FACTOR_KEY", file, "two-factor secrets"), "p")
                .open(sealed, "t")).isEqualTo(SECRET);
        assertThatThrownBy(() -> SecretKeys.fromSettingOrFile("abc", "TWO_FACTOR_KEY", file, "two-factor secrets"))
                .hasMessageContaining("TWO_FACTOR_KEY must be 64 hexadecimal characters").hasMessageNotContaining("abc");
    }
}
