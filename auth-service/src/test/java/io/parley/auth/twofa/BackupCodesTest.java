package io.parley.auth.twofa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupCodesTest {

    @Test
    void tenCodesOfEightLowercaseHexCharactersEachStoredUnusedAsItsOwnSaltedHash() {
        BackupCodes.Generated generated = BackupCodes.generate();

        assertThat(generated.plain()).hasSize(10).allMatch(c -> c.matches("[0-9a-f]{8}"));
        assertThat(new HashSet<>(generated.plain())).as("distinct").hasSize(10);
        assertThat(generated.stored()).hasSize(10).allSatisfy(stored -> {
            assertThat(stored.used()).isFalse();
            assertThat(stored.usedAt()).isNull();
            assertThat(stored.codeHash()).startsWith("pbkdf2-sha256$" + BackupCodes.ITERATIONS + "$");
        });
        for (int i = 0; i < 10; i++) {
            String code = generated.plain().get(i);
            assertThat(generated.stored().get(i).codeHash()).doesNotContain(code);
            assertThat(BackupCodes.matches(code, generated.stored().get(i).codeHash())).isTrue();
            assertThat(BackupCodes.matches(code, generated.stored().get((i + 1) % 10).codeHash())).isFalse();
        }
    }

    @Test
    void theSameCodeHashesDifferentlyEachTime() {
        String first = BackupCodes.hash("0badc0de");
        String second = BackupCodes.hash("0badc0de");

        assertThat(first).isNotEqualTo(second);
        assertThat(BackupCodes.matches("0badc0de", first)).isTrue();
        assertThat(BackupCodes.matches("0badc0de", second)).isTrue();
        assertThat(BackupCodes.matches("0badc0df", first)).isFalse();
    }

    @Test
    void typedCodesAreTrimmedAndLowerCasedAndAnythingElseIsNoCode() {
        assertThat(BackupCodes.normalize("  0BADC0DE\n")).hasValue("0badc0de");
        for (String notACode : new String[] {null, "", "0badc0d", "0badc0de0", "0bad c0de", "0badc0dg", "{\"$ne\":1}"}) {
            assertThat(BackupCodes.normalize(notACode)).as(String.valueOf(notACode)).isEmpty();
        }
    }

    @Test
    void aHashOfAnotherFormNeverMatches() {
        for (String hash : List.of("", "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
                "pbkdf2-sha256$x$AAAA$AAAA", "pbkdf2-sha256$0$AAAA$AAAA", "pbkdf2-sha256$10$!!$AAAA", "md5$1$a$b")) {
            assertThat(BackupCodes.matches("0badc0de", hash)).as(hash).isFalse();
        }
        assertThat(BackupCodes.matches("0badc0de", null)).isFalse();
    }
}
