package io.parley.common.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.convert.converter.Converter;

/**
 * Reads durations the way LibreChat's {@code .env} writes them: a plain number of milliseconds or a
 * product of numbers ({@code SESSION_EXPIRY=1000 * 60 * 15}), besides Boot's own forms ({@code 15m},
 * {@code PT15M}). An operator's existing values keep their meaning.
 */
@ConfigurationPropertiesBinding
public class LibreChatDurationConverter implements Converter<String, Duration> {

    @Override
    public Duration convert(String source) {
        String text = source.trim();
        if (text.contains("*")) {
            return Duration.ofMillis(product(text));
        }
        return DurationStyle.detectAndParse(text);
    }

    private static long product(String text) {
        long result = 1;
        for (String factor : text.split("\\*")) {
            String digits = factor.trim();
            if (!digits.matches("\\d{1,12}")) {
                throw new IllegalArgumentException("Not a product of whole numbers: " + text);
            }
            result = Math.multiplyExact(result, Long.parseLong(digits));
        }
        return result;
    }
}
