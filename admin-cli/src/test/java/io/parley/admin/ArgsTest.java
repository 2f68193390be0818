package io.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

    private static Args parse(String... args) {
        return Args.parse(List.of(args), Set.of("url", "role"), Set.of("yes", "email-verified"));
    }

    @Test
    void positionalArgumentsKeepTheirOrderWhereverOptionsStand() {
        Args args = parse("ada@example.com", "--url", "http://x:1", "Ada", "--yes", "ada", "--role=ADMIN");
        assertThat(args.positional(0)).isEqualTo("ada@example.com");
        assertThat(args.positional(1)).isEqualTo("Ada");
        assertThat(args.positional(2)).isEqualTo("ada");
        assertThat(args.positional(3)).isNull();
        assertThat(args.option("url")).isEqualTo("http://x:1");
        assertThat(args.option("role")).isEqualTo("ADMIN");
        assertThat(args.flag("yes")).isTrue();
    }

    @Test
    void aFlagMayCarryAValueAsLibreChatsEmailVerifiedDoes() {
        assertThat(parse("--email-verified=false").option("email-verified")).isEqualTo("false");
        assertThat(parse("--email-verified=false").flag("email-verified")).isFalse();
    }

    @Test
    void afterADoubleDashEverythingIsPositionalEvenWhatLooksLikeAnOption() {
        assertThat(parse("--", "--yes").positional(0)).isEqualTo("--yes");
    }

    @Test
    void anUnknownOptionOrAMissingValueIsAUsageError() {
        assertThatThrownBy(() -> parse("--colour")).isInstanceOfSatisfying(CliException.class,
                e -> assertThat(e.exitCode()).isEqualTo(CliException.USAGE));
        assertThatThrownBy(() -> parse("--url")).hasMessage("--url needs a value");
    }
}
