package io.parley.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FirewallRulesTest {

    /** Spring Security's StrictServerWebExchangeFirewall rules, as its regular expressions state them. */
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void theLoopAcceptsExactlyWhatSpringSecuritysExpressionsAccept() {
        Random random = new Random(42);
        int[] interesting = {'\t', '\n', '\r', 0, 0x7f, 0x85, 0x9f, 0xa0, 0x378, 0xd7ff, 0xe000, 0xfffe, 0x1f600, 0x10ffff, 0x2fffe};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                int c = switch (random.nextInt(4)) {
                    case 0 -> interesting[random.nextInt(interesting.length)];
                    case 1 -> 0x20 + random.nextInt(0x5f);
                    default -> random.nextInt(0x30000);
                };
                if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) {
                    text.appendCodePoint(c);
                }
            }
            String s = text.toString();
            assertThat(GatewaySecurityConfiguration.assignedAndNotControl(s, false)).as(s).isEqualTo(NAMES.matcher(s).matches());
            assertThat(GatewaySecurityConfiguration.assignedAndNotControl(s, true)).as(s).isEqualTo(VALUES.matcher(s).matches());
        }
    }

    @Test
    void aBearerTokenIsAValueAndAControlCharacterIsNot() {
        assertThat(GatewaySecurityConfiguration.assignedAndNotControl("Bearer eyJhbGciOiJFUzI1NiJ9.e30.sig", true)).isTrue();
        assertThat(GatewaySecurityConfiguration.assignedAndNotControl("a\tb", true)).isTrue();
        assertThat(GatewaySecurityConfiguration.assignedAndNotControl("a\tb", false)).isFalse();
        assertThat(GatewaySecurityConfiguration.assignedAndNotControl("a\r\nInjected: yes", true)).isFalse();
    }
}
