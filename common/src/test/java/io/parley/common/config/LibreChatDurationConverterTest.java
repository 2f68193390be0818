package io.parley.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LibreChatDurationConverterTest {

    private final LibreChatDurationConverter converter = new LibreChatDurationConverter();

    @Test
    void readsLibreChatProductsAsMilliseconds() {
        assertThat(converter.convert("1000 * 60 * 15")).isEqualTo(Duration.ofMinutes(15));
        assertThat(converter.convert("1000*60*60*24*7")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void readsPlainNumbersAsMillisecondsAndBootForms() {
        assertThat(converter.convert("900000")).isEqualTo(Duration.ofMinutes(15));
        assertThat(converter.convert("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(converter.convert("PT2H")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void rejectsAnythingElseInAProduct() {
        assertThatThrownBy(() -> converter.convert("1000 * x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> converter.convert("1000 * -5")).isInstanceOf(IllegalArgumentException.class);
    }
}
