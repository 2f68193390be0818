package io.parley.auth.graphtoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private final TokenCipher cipher = new TokenCipher("the installation's session secret");

    @Test
    void aSealedTokenOpensForItsOwnRecordOnly() {
        String sealed = cipher.encrypt("eyJ.provider.token", "default/session-1/user-1");

        assertThat(sealed).startsWith("v2:").doesNotContain("provider");
        assertThat(cipher.decrypt(sealed, "default/session-1/user-1")).isEqualTo("eyJ.provider.token");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "default/session-1/user-2"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherSecretOrATamperedValueDoesNotOpen() {
        String sealed = cipher.encrypt("eyJ.provider.token", "record");
        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';

        assertThatThrownBy(() -> new TokenCipher("another secret").decrypt(sealed, "record"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt(new String(chars), "record")).isInstanceOf(IllegalArgumentException.class);
        assertThat(cipher.encrypt("same", "record")).as("a fresh IV each time").isNotEqualTo(cipher.encrypt("same", "record"));
    }

    @Test
    void aValueOfTheEarlierFormatIsRefusedSoThePersonSignsInAgain() {
        assertThatThrownBy(() -> cipher.decrypt("v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "record"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
