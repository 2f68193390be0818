package io.parley.chat.provider.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads server-sent events (the WHATWG "event stream" format) from a response body: {@code event:} and
 * {@code data:} fields, several {@code data:} lines joined by newlines, {@code :} comments skipped, lines
 * ended by LF, CRLF or CR. Not thread-safe; one reader per response.
 */
public final class SseReader {

    /** One dispatched event; {@code event} is null when the server named none. */
    public record Event(@Nullable String event, String data) {
    }

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private boolean skipLineFeed;
    private byte[] line = new byte[256];
    private int lineLength;

    private String event;
    private StringBuilder data;

    SseReader(InputStream in) {
        this.in = in;
    }

    /** The next event, or null at the end of the stream (a last event without its blank line still counts). */
    @Nullable Event next() throws IOException {
        String text;
        while ((text = readLine()) != null) {
            if (text.isEmpty()) {
                if (data != null) {
                    return dispatch();
                }
                event = null;
                continue;
            }
            if (text.charAt(0) == ':') {
                continue;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> event = value;
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
                default -> {
                    // id and retry matter only to browsers reconnecting; nobody resumes a model stream
                }
            }
        }
        return data != null ? dispatch() : null;
    }

    private Event dispatch() {
        Event dispatched = new Event(event, data.toString());
        event = null;
        data = null;
        return dispatched;
    }

    /** One line without its terminator, decoded only when whole so split UTF-8 sequences survive. */
    private String readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (position == limit) {
                int read = in.read(buffer, 0, buffer.length);
                if (read < 0) {
                    return lineLength > 0 ? decodeLine() : null;
                }
                position = 0;
                limit = read;
                continue;
            }
            byte b = buffer[position++];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n') {
                return decodeLine();
            }
            if (b == '\r') {
                skipLineFeed = true;
                return decodeLine();
            }
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[lineLength++] = b;
        }
    }

    private String decodeLine() {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
    }
}
