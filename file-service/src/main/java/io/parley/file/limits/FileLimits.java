package io.parley.file.limits;

import io.parley.common.error.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code fileConfig} rules on the server: per endpoint a file count, a size per file and a
 * total per request, the allowed types (matched against the type detected from the content), and
 * installation-wide {@code serverFileSizeLimit} and {@code avatarSizeLimit}. Defaults are LibreChat's
 * ({@code packages/data-provider/src/file-config.ts}): 10 files, 512 MB, 512 MB, avatars 2 MB.
 */
@Component
@EnableConfigurationProperties(FileConfigProperties.class)
public class FileLimits {

    static final long MB = 1024L * 1024L;
    private static final int DEFAULT_FILE_LIMIT = 10;
    private static final double DEFAULT_SIZE_MB = 512;
    private static final double DEFAULT_AVATAR_MB = 2;

    /** LibreChat's {@code supportedMimeTypes} default: text, documents, images, video and audio. */
    static final List<String> DEFAULT_MIME_TYPES = List.of(
            "^text/(x-c|x-csharp|tab-separated-values|x-c\\+\\+|x-h|x-java|html|markdown|x-php|x-python|x-script\\.python"
                    + "|x-ruby|x-tex|plain|css|vtt|javascript|csv|xml|calendar)$",
            "^application/(vnd\\.ms-excel|msexcel|x-msexcel|x-ms-excel|x-excel|x-dos_ms_excel|xls|x-xls"
                    + "|vnd\\.openxmlformats-officedocument\\.spreadsheetml\\.sheet)$",
            "^application/(epub\\+zip|csv|json|msword|pdf|x-tar|x-sh|x-zip-compressed|typescript|sql|yaml|x-parquet"
                    + "|vnd\\.apache\\.parquet|vnd\\.coffeescript|xml|zip"
                    + "|vnd\\.openxmlformats-officedocument\\.(wordprocessingml\\.document|presentationml\\.presentation"
                    + "|spreadsheetml\\.sheet)"
                    + "|vnd\\.oasis\\.opendocument\\.(text|spreadsheet|presentation|graphics))$",
            "^image/(jpeg|gif|png|webp|heic|heif)$",
            "^image/svg(\\+xml)?$",
            "^video/(mp4|avi|mov|wmv|flv|webm|mkv|m4v|3gp|ogv)$",
            "^audio/(mp3|mpeg|mpeg3|wav|wave|x-wav|ogg|vorbis|mp4|m4a|x-m4a|flac|x-flac|webm|aac|wma|opus)$");

    private final FileConfigProperties config;
    private final Map<String, List<Pattern>> mimePatterns = new LinkedHashMap<>();

    FileLimits(FileConfigProperties config) {
        this.config = config;
        config.endpoints().forEach((name, endpoint) -> {
            if (endpoint.supportedMimeTypes() != null) {
                mimePatterns.put(name.toLowerCase(Locale.ROOT), compile(endpoint.supportedMimeTypes()));
            }
        });
        mimePatterns.putIfAbsent("", compile(DEFAULT_MIME_TYPES));
    }

    /** The rules of one endpoint, falling back to {@code default} and then LibreChat's defaults. */
    public Rules forEndpoint(String endpoint) {
        FileConfigProperties.Endpoint own = find(endpoint);
        FileConfigProperties.Endpoint fallback = find("default");
        int fileLimit = first(own == null ? null : own.fileLimit(), fallback == null ? null : fallback.fileLimit(),
                DEFAULT_FILE_LIMIT);
        double fileSize = first(own == null ? null : own.fileSizeLimit(), fallback == null ? null : fallback.fileSizeLimit(),
                DEFAULT_SIZE_MB);
        double total = first(own == null ? null : own.totalSizeLimit(), fallback == null ? null : fallback.totalSizeLimit(),
                DEFAULT_SIZE_MB);
        boolean disabled = first(own == null ? null : own.disabled(), fallback == null ? null : fallback.disabled(), false);
        List<Pattern> types = mimePatterns.get(endpoint.toLowerCase(Locale.ROOT));
        if (types == null) {
            types = mimePatterns.getOrDefault("default", mimePatterns.get(""));
        }
        return new Rules(endpoint, fileLimit, bytes(fileSize), fileSize, bytes(total), total, types, disabled);
    }

    /** The largest file any upload may carry, in bytes. */
    public long serverFileSizeLimit() {
        return bytes(config.serverFileSizeLimit() == null ? DEFAULT_SIZE_MB : config.serverFileSizeLimit());
    }

    /** The configured {@code serverFileSizeLimit} in MB, for messages. */
    public String serverFileSizeLimitMb() {
        return megabytes(config.serverFileSizeLimit() == null ? DEFAULT_SIZE_MB : config.serverFileSizeLimit());
    }

    /** The configured {@code avatarSizeLimit} in MB, for messages. */
    public String avatarSizeLimitMb() {
        return megabytes(config.avatarSizeLimit() == null ? DEFAULT_AVATAR_MB : config.avatarSizeLimit());
    }

    /** The largest avatar, in bytes. */
    public long avatarSizeLimit() {
        return bytes(config.avatarSizeLimit() == null ? DEFAULT_AVATAR_MB : config.avatarSizeLimit());
    }

    /** The yaml section as the client merges it with its defaults ({@code GET /api/files/config}). */
    public Map<String, Object> asConfigured() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!config.endpoints().isEmpty()) {
            Map<String, Object> endpoints = new LinkedHashMap<>();
            config.endpoints().forEach((name, e) -> {
                Map<String, Object> one = new LinkedHashMap<>();
                putIfSet(one, "fileLimit", e.fileLimit());
                putIfSet(one, "fileSizeLimit", e.fileSizeLimit());
                putIfSet(one, "totalSizeLimit", e.totalSizeLimit());
                putIfSet(one, "supportedMimeTypes", e.supportedMimeTypes());
                putIfSet(one, "disabled", e.disabled());
                endpoints.put(name, one);
            });
            out.put("endpoints", endpoints);
        }
        putIfSet(out, "serverFileSizeLimit", config.serverFileSizeLimit());
        putIfSet(out, "avatarSizeLimit", config.avatarSizeLimit());
        return out;
    }

    private FileConfigProperties.Endpoint find(String name) {
        return config.endpoints().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static List<Pattern> compile(List<String> expressions) {
        List<Pattern> patterns = new ArrayList<>();
        for (String expression : expressions) {
            patterns.add(Pattern.compile(expression, Pattern.CASE_INSENSITIVE));
        }
        return List.copyOf(patterns);
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        throw new IllegalStateException("no default");
    }

    /** As JavaScript prints the number: 512, 0.5. */
    public static String megabytes(double mb) {
        return java.math.BigDecimal.valueOf(mb).stripTrailingZeros().toPlainString();
    }

    static long bytes(double megabytes) {
        return (long) (megabytes * MB);
    }

    /** One endpoint's limits, sizes in bytes. */
    /** {@code …Mb}: the configured values, for messages. */
    public record Rules(String endpoint, int fileLimit, long fileSizeLimit, double fileSizeLimitMb, long totalSizeLimit,
                       double totalSizeLimitMb, List<Pattern> mimeTypes, boolean disabled) {

        public boolean allows(String mimeType) {
            return mimeTypes.stream().anyMatch(p -> p.matcher(mimeType).find());
        }

        /** LibreChat's message for a file over {@code fileSizeLimit}. */
        public ApiException tooLarge() {
            return new ApiException.TooLarge("File size limit of " + megabytes(fileSizeLimitMb) + " MB exceeded for "
                    + endpoint + " endpoint");
        }
    }
}
