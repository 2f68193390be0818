package io.parley.file.upload;

import io.parley.common.error.ApiException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A client's file name made safe to show and to send back in {@code Content-Disposition}. It is only
 * ever a label: bytes are stored under generated keys, so no name can reach the file system. Names no
 * browser sends (a path, control characters such as NUL, more than 255 characters) are refused
 * rather than repaired: they come from tools probing for traversal.
 */
final class Filenames {

    static final int MAX_LENGTH = 255;

    private Filenames() {
    }

    static String sanitize(String original) {
        String name = original == null ? "" : original;
        try {
            // LibreChat's client URI-encodes names; decoding may not reveal separators we then miss
            name = URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            // a literal '%' in the name: keep it as given
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw ApiException.Invalid.field("file", "The file name must not contain a path");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.Invalid.field("file", "The file name must not contain control characters");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw ApiException.Invalid.field("file", "The file name is longer than " + MAX_LENGTH + " characters");
        }
        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().forEach(c -> safe.appendCodePoint(
                "<>:\"|?*".indexOf(c) >= 0 || Character.getType(c) == Character.FORMAT ? '_' : c));
        String cleaned = safe.toString().strip().replaceFirst("^\\.+", "");
        return cleaned.isEmpty() ? "file" : cleaned;
    }
}
