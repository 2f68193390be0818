package io.parley.file.download;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** LibreChat's {@code X-File-Metadata}: the file document as JSON, through JavaScript's {@code encodeURIComponent}. */
final class FileMetadataHeader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FileMetadataHeader() {
    }

    static String of(Map<String, Object> view) {
        return encodeUriComponent(JSON.writeValueAsString(view));
    }

    /** URLEncoder is form encoding; encodeURIComponent writes spaces as %20 and keeps {@code !'()~}. */
    static String encodeUriComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%21", "!")
                .replace("%27", "'").replace("%28", "(").replace("%29", ")").replace("%7E", "~");
    }
}
