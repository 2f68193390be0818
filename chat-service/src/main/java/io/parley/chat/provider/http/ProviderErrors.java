package io.parley.chat.provider.http;

import io.parley.chat.provider.wire.Json;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What a provider's failed answer says: the message of its error body, in each protocol's shape, and
 * how long it asks to be left alone before another attempt.
 */
final class ProviderErrors {

    private ProviderErrors() {
    }

    /**
     * Retry-After as seconds or an HTTP date, or OpenAI's {@code retry-after-ms}; null when absent or
     * unreadable.
     */
    static @Nullable Duration retryAfter(HttpHeaders headers) {
        try {
            var millis = headers.firstValue("retry-after-ms");
            if (millis.isPresent()) {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.get().trim())));
            }
            var value = headers.firstValue("retry-after");
            if (value.isEmpty()) {
                return null;
            }
            String text = value.get().trim();
            if (!text.isEmpty() && Character.isDigit(text.charAt(0))) {
                return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(text) * 1000)));
            }
            Duration until = Duration.between(ZonedDateTime.now(),
                    ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (NumberFormatException | DateTimeParseException unreadable) {
            return null;
        }
    }

    /** {@code ": message"} from an error body, or "" when it holds nothing a user could read. */
    static String describe(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return "";
        }
        try {
            String message = errorMessage(Json.MAPPER.readTree(text));
            if (message != null) {
                return ": " + message;
            }
        } catch (JacksonException notJson) {
            // proxies answer in HTML or plain text
        }
        return text.length() <= 200 && !text.startsWith("<") ? ": " + text : "";
    }

    /**
     * The message of the error shapes the three protocols use: {@code {error:{message}}} (OpenAI, Anthropic,
     * Google, the latter sometimes inside an array), {@code {error:"..."}} and {@code {message}} from
     * OpenAI-compatible servers.
     */
    static @Nullable String errorMessage(@Nullable JsonNode body) {
        JsonNode root = body != null && body.isArray() && !body.isEmpty() ? body.get(0) : body;
        if (root == null) {
            return null;
        }
        JsonNode error = root.path("error");
        String message = error.isObject() ? Json.text(error.path("message")) : Json.text(error);
        if (message == null) {
            message = Json.text(root.path("message"));
        }
        return Json.isEmpty(message) ? null : message;
    }
}
