package io.parley.file.files;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A client's file name made safe to show and to send back in {@code Content-Disposition}. It is only
 * ever a label: bytes are stored under generated keys, so no name can reach the file system.
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
        int separator = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(separator + 1);
        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().forEach(c -> safe.appendCodePoint(
                Character.isISOControl(c) || "<>:\"|?*".indexOf(c) >= 0 || Character.getType(c) == Character.FORMAT
                        ? '_' : c));
        String cleaned = safe.toString().strip().replaceFirst("^\\.+", "");
        if (cleaned.isEmpty()) {
            cleaned = "file";
        }
        return shorten(cleaned);
    }

    /** At most {@link #MAX_LENGTH} characters, keeping a short extension. */
    private static String shorten(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        return name.substring(0, MAX_LENGTH - extension.length()) + extension;
    }
}
