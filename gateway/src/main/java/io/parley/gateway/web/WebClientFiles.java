package io.parley.gateway.web;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The client build's folder and which of its files answers a request. A request path never leaves the
 * folder: dot segments, hidden files and separators inside a segment are refused, and a symbolic link
 * counts only when its target is inside the folder too.
 */
@Component
public final class WebClientFiles {

    private static final Logger log = LoggerFactory.getLogger(WebClientFiles.class);

    /** First path segments that belong to the API and the services, never to the client (as LibreChat mounts them). */
    private static final Set<String> BACK_END = Set.of("api", "oauth", "images", ".well-known", "health", "actuator");
    /**
     * Client pages under a back-end segment: LibreChat's server has no {@code /oauth/success}, so its
     * client shows the end of an MCP server's sign-in there ({@code /oauth/error} stays the server's).
     */
    private static final Set<String> CLIENT_PAGES = Set.of("/oauth/success");
    private static final String INDEX = "index.html";
    private static final String ASSETS = "assets";
    /** Vite names every bundled file {@code name.<8-character hash>.ext}: a new build gives it a new name. */
    private static final Pattern HASHED = Pattern.compile(".+\\.[A-Za-z0-9_-]{8}\\.[A-Za-z0-9]+");
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** Everything else, index.html, sw.js and the manifest among it, is revalidated (cheap: a 304 by ETag). */
    static final String REVALIDATE = "no-cache";
    /** Precompressed variants, in order of preference. */
    private static final List<Coding> CODINGS = List.of(new Coding("br", ".br"), new Coding("gzip", ".gz"));
    private static final Map<String, MediaType> TYPES = types();

    private final @Nullable Path root;

    WebClientFiles(WebClientProperties properties) {
        this.root = rootOf(properties.dir());
    }

    /** The folder's real path, or null (logged) when it is not set or holds no client build. */
    static @Nullable Path rootOf(String dir) {
        if (dir.isBlank()) {
            return null;
        }
        try {
            Path root = Path.of(dir).toRealPath();
            if (Files.isRegularFile(root.resolve(INDEX))) {
                log.info("Serving the web client from {}", root);
                return root;
            }
            log.warn("PARLEY_WEB_DIR {} holds no {}: the web client is not served", dir, INDEX);
        } catch (IOException | InvalidPathException e) {
            log.warn("PARLEY_WEB_DIR {} cannot be read ({}): the web client is not served", dir, e.toString());
        }
        return null;
    }

    /**
     * Whether the request is the client's rather than the API's: a {@code GET} or {@code HEAD} outside the
     * back-end paths while a build is served. Decided from the request line alone, so it costs nothing.
     */
    public boolean serves(ServerHttpRequest request) {
        if (root == null) {
            return false;
        }
        HttpMethod method = request.getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return false;
        }
        if (CLIENT_PAGES.contains(request.getPath().pathWithinApplication().value())) {
            return true;
        }
        for (PathContainer.Element element : request.getPath().pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                // Express matches LibreChat's mounts case-insensitively: /API/convos is the API there too.
                return !BACK_END.contains(segment.valueToMatch().toLowerCase(Locale.ROOT));
            }
        }
        return true;
    }

    /**
     * The file that answers a request {@link #serves} accepted: the file named, else {@code index.html} for
     * a client route (a page the browser navigates to: it accepts HTML, is not under {@code assets/} and
     * its last segment names no file type). Blocks on the file system.
     *
     * @return empty for a 404
     * @throws IOException when a file exists but cannot be read
     */
    Optional<StaticFile> find(ServerHttpRequest request) throws IOException {
        if (root == null) {
            return Optional.empty();
        }
        List<String> segments = segments(request.getPath());
        if (segments == null) {
            return Optional.empty();
        }
        HttpHeaders headers = request.getHeaders();
        Set<String> encodings = acceptedEncodings(headers.getFirst(HttpHeaders.ACCEPT_ENCODING));
        if (!segments.isEmpty()) {
            Optional<StaticFile> file = file(root, segments, encodings);
            if (file.isPresent() || !clientRoute(segments, headers.getFirst(HttpHeaders.ACCEPT))) {
                return file;
            }
        }
        return file(root, List.of(INDEX), encodings);
    }

    /** The decoded segments, or null when one could name something outside the folder or a hidden file. */
    static @Nullable List<String> segments(RequestPath path) {
        List<String> segments = new ArrayList<>();
        boolean afterSeparator = false;
        for (PathContainer.Element element : path.pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                String value = segment.valueToMatch();
                if (value.isEmpty() || value.startsWith(".") || value.indexOf('/') >= 0 || value.indexOf('\\') >= 0
                        || value.indexOf(':') >= 0 || value.indexOf('\0') >= 0) {
                    return null;
                }
                segments.add(value);
                afterSeparator = false;
            } else if (afterSeparator) {
                return null; // "//": an absolute path on some file systems, never a file of the build
            } else {
                afterSeparator = true;
            }
        }
        return segments;
    }

    private static boolean clientRoute(List<String> segments, @Nullable String accept) {
        return !segments.getFirst().equals(ASSETS) && segments.getLast().indexOf('.') < 0 && acceptsHtml(accept);
    }

    /** As a browser's navigation says it; no {@code Accept} at all accepts anything. */
    static boolean acceptsHtml(@Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && type.getQualityValue() > 0);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The content codings of {@code Accept-Encoding} with a quality above zero ({@code *} standing for the rest). */
    static Set<String> acceptedEncodings(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return Set.of();
        }
        Map<String, Boolean> accepted = new HashMap<>();
        for (String part : header.split(",")) {
            String[] params = part.split(";");
            String coding = params[0].trim().toLowerCase(Locale.ROOT);
            boolean positive = true;
            for (int i = 1; i < params.length; i++) {
                String param = params[i].trim().toLowerCase(Locale.ROOT);
                if (param.startsWith("q=")) {
                    positive = quality(param.substring(2)) > 0;
                }
            }
            accepted.put(coding, positive);
        }
        boolean others = accepted.getOrDefault("*", false);
        return Set.copyOf(CODINGS.stream().map(Coding::name)
                .filter(coding -> accepted.getOrDefault(coding, others)).toList());
    }

    private static double quality(String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<StaticFile> file(Path root, List<String> segments, Set<String> encodings) throws IOException {
        Path requested = root.resolve(String.join("/", segments));
        Path real = inside(root, requested);
        BasicFileAttributes attributes = real == null ? null : Files.readAttributes(real, BasicFileAttributes.class);
        if (real == null || !attributes.isRegularFile()) {
            return Optional.empty();
        }
        String name = segments.getLast();
        Path sent = real;
        BasicFileAttributes sentAttributes = attributes;
        String sentEncoding = null;
        boolean varies = false;
        for (Coding coding : CODINGS) {
            Path variant = inside(root, requested.resolveSibling(name + coding.suffix()));
            BasicFileAttributes variantAttributes = variant == null ? null : Files.readAttributes(variant, BasicFileAttributes.class);
            if (variantAttributes == null || !variantAttributes.isRegularFile()) {
                continue;
            }
            varies = true;
            if (sentEncoding == null && encodings.contains(coding.name())) {
                sent = variant;
                sentAttributes = variantAttributes;
                sentEncoding = coding.name();
            }
        }
        return Optional.of(new StaticFile(sent, sentAttributes.size(), contentType(name), sentEncoding,
                etag(sentAttributes, sentEncoding), cacheControl(segments), varies));
    }

    /** The real path of {@code candidate} when it exists inside {@code root} after following links, else null. */
    private static @Nullable Path inside(Path root, Path candidate) throws IOException {
        try {
            Path real = candidate.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (FileSystemException e) { // missing, or a file where a folder was expected
            return null;
        }
    }

    /** Strong, from size and modification time: a rebuilt file gets a new tag without being read. */
    private static String etag(BasicFileAttributes attributes, @Nullable String encoding) {
        return "\"" + Long.toHexString(attributes.size()) + "-" + Long.toHexString(attributes.lastModifiedTime().toMillis())
                + (encoding == null ? "" : "-" + encoding) + "\"";
    }

    static String cacheControl(List<String> segments) {
        return segments.getFirst().equals(ASSETS) && HASHED.matcher(segments.getLast()).matches() ? IMMUTABLE : REVALIDATE;
    }

    static MediaType contentType(String name) {
        int dot = name.lastIndexOf('.');
        MediaType type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        return type != null ? type : MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM);
    }

    /** The types a client build holds, as browsers need them (module scripts and wasm are refused under other types). */
    private static Map<String, MediaType> types() {
        Map<String, MediaType> types = new HashMap<>();
        types.put("html", MediaType.parseMediaType("text/html;charset=utf-8"));
        types.put("js", MediaType.parseMediaType("text/javascript;charset=utf-8"));
        types.put("mjs", MediaType.parseMediaType("text/javascript;charset=utf-8"));
        types.put("css", MediaType.parseMediaType("text/css;charset=utf-8"));
        types.put("json", MediaType.APPLICATION_JSON);
        types.put("map", MediaType.APPLICATION_JSON);
        types.put("webmanifest", MediaType.parseMediaType("application/manifest+json"));
        types.put("txt", MediaType.parseMediaType("text/plain;charset=utf-8"));
        types.put("svg", MediaType.parseMediaType("image/svg+xml"));
        types.put("png", MediaType.IMAGE_PNG);
        types.put("jpg", MediaType.IMAGE_JPEG);
        types.put("jpeg", MediaType.IMAGE_JPEG);
        types.put("gif", MediaType.IMAGE_GIF);
        types.put("webp", MediaType.parseMediaType("image/webp"));
        types.put("avif", MediaType.parseMediaType("image/avif"));
        types.put("ico", MediaType.parseMediaType("image/x-icon"));
        types.put("woff2", MediaType.parseMediaType("font/woff2"));
        types.put("woff", MediaType.parseMediaType("font/woff"));
        types.put("ttf", MediaType.parseMediaType("font/ttf"));
        types.put("otf", MediaType.parseMediaType("font/otf"));
        types.put("wasm", MediaType.parseMediaType("application/wasm"));
        types.put("mp3", MediaType.parseMediaType("audio/mpeg"));
        types.put("gz", MediaType.parseMediaType("application/gzip"));
        types.put("br", MediaType.APPLICATION_OCTET_STREAM);
        return Map.copyOf(types);
    }

    /** A content coding and the suffix of its precompressed file. */
    private record Coding(String name, String suffix) {
    }
}
