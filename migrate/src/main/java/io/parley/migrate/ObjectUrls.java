package io.parley.migrate;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reading the object URLs LibreChat writes into {@code filepath}: origin and path, never fetched. */
final class ObjectUrls {

    private ObjectUrls() {
    }

    /** An absolute http(s) URL with a host; null for anything else (a bare key, a local path, garbage). */
    static @Nullable URI parse(String filepath) {
        if (!filepath.regionMatches(true, 0, "http://", 0, 7) && !filepath.regionMatches(true, 0, "https://", 0, 8)) {
            return null;
        }
        try {
            URI uri = new URI(filepath.strip());
            return uri.getHost() == null || uri.getRawPath() == null ? null : uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The host in lower case, with the port when it is not the scheme's default. */
    static String origin(URI uri) {
        return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port(uri);
    }

    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * A path or a part of one with its percent escapes undone ({@code +} stays: paths do not encode spaces so).
     *
     * @return null when an escape is malformed
     */
    static @Nullable String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A key to read: not empty, no empty, {@code .} or {@code ..} segments LibreChat never writes. */
    static boolean plausibleKey(@Nullable String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
