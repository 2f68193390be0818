package io.parley.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.gateway.GatewayIntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway serving a client build from a folder of files, over real HTTP. */
class WebClientIntegrationTest extends GatewayIntegrationTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String INDEX = "<!doctype html><html lang=\"en-US\"><title>LibreChat</title></html>";
    private static final String SCRIPT = "export const answer = 42;\n".repeat(50);
    private static final String SECRET = "not for the browser";
    private static final Path OUTSIDE = folder();
    private static final Path BUILD = build();

    @DynamicPropertySource
    static void webDir(DynamicPropertyRegistry registry) {
        registry.add("parley.gateway.web-client.dir", BUILD::toString);
    }

    @Test
    void eachFileIsServedWithTheTypeBrowsersNeed() {
        Map<String, String> types = Map.ofEntries(
                Map.entry("/index.html", "text/html"),
                Map.entry("/assets/index.AbCd1234.js", "text/javascript"),
                Map.entry("/assets/worker.AbCd1234.mjs", "text/javascript"),
                Map.entry("/assets/index.AbCd1234.css", "text/css"),
                Map.entry("/assets/index.AbCd1234.js.map", "application/json"),
                Map.entry("/manifest.webmanifest", "application/manifest+json"),
                Map.entry("/config.json", "application/json"),
                Map.entry("/assets/logo.svg", "image/svg+xml"),
                Map.entry("/assets/favicon-32x32.png", "image/png"),
                Map.entry("/favicon.ico", "image/x-icon"),
                Map.entry("/assets/fonts/Inter-Regular.woff2", "font/woff2"),
                Map.entry("/assets/module.AbCd1234.wasm", "application/wasm"),
                Map.entry("/robots.txt", "text/plain"));
        types.forEach((path, type) -> {
            HttpResponse<byte[]> response = send("GET", path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith(type);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.body()).as(path).isEqualTo(bytes(BUILD.resolve(path.substring(1))));
        });
    }

    @Test
    void hashedAssetsAreCachedForAYearAndEverythingElseIsRevalidated() {
        for (String path : new String[] {"/assets/index.AbCd1234.js", "/assets/index.AbCd1234.css"}) {
            assertThat(send("GET", path).headers().firstValue("Cache-Control")).as(path)
                    .contains("public, max-age=31536000, immutable");
        }
        for (String path : new String[] {"/", "/index.html", "/c/new", "/sw.js", "/manifest.webmanifest", "/assets/logo.svg",
                "/assets/fonts/Inter-Regular.woff2"}) {
            assertThat(send("GET", path, "Accept", "text/html").headers().firstValue("Cache-Control")).as(path).contains("no-cache");
        }
    }

    @Test
    void aMatchingEntityTagIsA304WithoutBodyAndAnotherIsTheFile() {
        HttpResponse<byte[]> first = send("GET", "/assets/index.AbCd1234.css");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("\"").endsWith("\"");

        for (String ifNoneMatch : new String[] {etag, "W/" + etag, "\"other\", " + etag, "*"}) {
            HttpResponse<byte[]> again = send("GET", "/assets/index.AbCd1234.css", "If-None-Match", ifNoneMatch);
            assertThat(again.statusCode()).as(ifNoneMatch).isEqualTo(304);
            assertThat(again.body()).as(ifNoneMatch).isEmpty();
            assertThat(again.headers().firstValue("ETag")).as(ifNoneMatch).contains(etag);
            assertThat(again.headers().firstValue("Cache-Control")).as(ifNoneMatch).contains("public, max-age=31536000, immutable");
        }
        HttpResponse<byte[]> changed = send("GET", "/assets/index.AbCd1234.css", "If-None-Match", "\"older\"");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(new String(changed.body(), StandardCharsets.UTF_8)).isEqualTo("body { margin: 0 }");
        assertThat(send("GET", "/c/new", "Accept", "text/html",
                "If-None-Match", send("GET", "/index.html").headers().firstValue("ETag").orElseThrow()).statusCode())
                .as("a client route revalidates as index.html").isEqualTo(304);
    }

    @Test
    void aPrecompressedVariantIsSentWhenTheClientAcceptsItsEncoding() throws IOException {
        String path = "/assets/index.AbCd1234.js";
        HttpResponse<byte[]> brotli = send("GET", path, "Accept-Encoding", "gzip, deflate, br, zstd");
        assertThat(brotli.headers().firstValue("Content-Encoding")).contains("br");
        assertThat(brotli.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(brotli.headers().firstValue("Vary")).contains("Accept-Encoding");
        assertThat(brotli.body()).isEqualTo(bytes(BUILD.resolve("assets/index.AbCd1234.js.br")));

        HttpResponse<byte[]> gzip = send("GET", path, "Accept-Encoding", "br;q=0, gzip");
        assertThat(gzip.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gunzip(gzip.body())).isEqualTo(SCRIPT);
        assertThat(gzip.headers().firstValue("ETag")).isNotEqualTo(brotli.headers().firstValue("ETag"));

        HttpResponse<byte[]> plain = send("GET", path);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.headers().firstValue("Vary")).contains("Accept-Encoding");
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(SCRIPT);

        HttpResponse<byte[]> noVariant = send("GET", "/assets/logo.svg", "Accept-Encoding", "gzip, br");
        assertThat(noVariant.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(noVariant.headers().firstValue("Vary")).isEmpty();
    }

    @Test
    void theClientMayFrameItsOwnPagesButNoOtherSiteMay() {
        assertThat(send("GET", "/c/new", "Accept", "text/html").headers().firstValue("X-Frame-Options")).contains("SAMEORIGIN");
    }

    @Test
    void clientRoutesAreAnsweredWithIndexHtmlWithoutAToken() {
        for (String path : new String[] {"/", "/c/new", "/login", "/c/0b9b7e5e-3c1f-4b8e-9d0a-2f5e4b8c1d2e", "/search?q=x",
                "/oauth/success?serverName=calendar"}) {
            HttpResponse<byte[]> response = send("GET", path, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("text/html");
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(path).isEqualTo(INDEX);
        }
        assertThat(send("GET", "/c/new", "Accept", "text/html", "Authorization", "Bearer expired.or.bogus").statusCode())
                .as("a stale token on a page is ignored, as on other public routes").isEqualTo(200);
        assertThat(UPSTREAM.paths()).noneMatch(p -> p.startsWith("/c/") || p.equals("/login") || p.equals("/oauth/success"));
    }

    @Test
    void anUnknownApiPathIsStillAJson404AndNeverThePage() {
        Http.Response response = get("/api/nothing-here", "Accept", "text/html",
                "Authorization", "Bearer " + UPSTREAM.token("u1", "default"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").asString()).isEqualTo("not_found");

        Http.Response anonymous = get("/api/convos", "Accept", "text/html");
        assertThat(anonymous.status()).as("the API keeps its token check").isEqualTo(401);
        assertThat(get("/API/convos", "Accept", "text/html").status()).as("nor in other case").isEqualTo(401);
    }

    @Test
    void aMissingFileIsAJson404RatherThanThePage() {
        for (String path : new String[] {"/assets/nope.js", "/assets/fonts/none", "/nope.js", "/assets"}) {
            Http.Response response = get(path, "Accept", "text/html");
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.json().get("error").asString()).as(path).isEqualTo("not_found");
        }
        assertThat(get("/c/new", "Accept", "application/json").status()).as("not a page the browser navigates to").isEqualTo(404);
    }

    @Test
    void noPathLeavesTheFolder() {
        String outside = OUTSIDE.getFileName().toString();
        String absolute = OUTSIDE.resolve("secret.txt").toString();
        for (String target : new String[] {"/../" + outside + "/secret.txt", "/assets/../../" + outside + "/secret.txt",
                "/%2e%2e/" + outside + "/secret.txt", "/assets/%2e%2e%2f%2e%2e%2f" + outside + "%2fsecret.txt",
                "/..%5c" + outside + "%5csecret.txt", absolute, "/" + absolute,
                "/%2f" + absolute.substring(1), "/leak.txt", "/assets/escape/secret.txt", "/.env", "/assets/.hidden"}) {
            String answer = raw("GET " + target + " HTTP/1.1");
            assertThat(answer).as(target).doesNotContain(SECRET);
            assertThat(answer).as(target).matches("(?s)HTTP/1\\.1 (400|404) .*");
            assertThat(answer).as(target).containsIgnoringCase("content-type: application/json");
        }
        // A raw backslash is no valid request target: the HTTP server refuses it (an empty 400) before any filter.
        assertThat(raw("GET /assets\\..\\..\\" + outside + "\\secret.txt HTTP/1.1")).startsWith("HTTP/1.1 400 ").doesNotContain(SECRET);
    }

    @Test
    void headGivesTheHeadersOfGetWithoutTheBody() {
        HttpResponse<byte[]> head = send("HEAD", "/assets/index.AbCd1234.js");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(SCRIPT.length()));
        assertThat(head.headers().firstValue("ETag")).isEqualTo(send("GET", "/assets/index.AbCd1234.js").headers().firstValue("ETag"));
        assertThat(send("HEAD", "/c/new", "Accept", "text/html").headers().firstValue("Content-Length"))
                .contains(Integer.toString(INDEX.length()));
    }

    @Test
    void aBannedAddressStillGetsThePageWhileTheApiRefusesIt() {
        IntStream.range(0, 8).forEach(i -> post("/api/auth/login", "{}"));
        assertThat(get("/api/config").status()).isEqualTo(403);

        assertThat(get("/c/new", "Accept", "text/html").status()).isEqualTo(200);
        assertThat(get("/assets/index.AbCd1234.js").status()).isEqualTo(200);
    }

    @Test
    void otherMethodsOnClientPathsAreNotServed() {
        Http.Response post = post("/c/new", "{}");
        assertThat(post.status()).isEqualTo(401);
        assertThat(post.json().get("error").asString()).isEqualTo("unauthorized");
    }

    private HttpResponse<byte[]> send(String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).header("X-Forwarded-For", ip);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request line sent as is: an HTTP client would normalize or refuse these targets itself. */
    private String raw(String requestLine) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: 127.0.0.1\r\nAccept: text/html\r\nX-Forwarded-For: " + ip
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder() {
        try {
            Path folder = Files.createTempDirectory("parley-web-outside");
            Files.writeString(folder.resolve("secret.txt"), SECRET);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a client build holds, with a link to a file outside and one to a folder outside. */
    private static Path build() {
        try {
            Path build = Files.createTempDirectory("parley-web");
            Path assets = Files.createDirectories(build.resolve("assets/fonts"));
            Files.writeString(build.resolve("index.html"), INDEX);
            Files.writeString(build.resolve("sw.js"), "self.skipWaiting();");
            Files.writeString(build.resolve("manifest.webmanifest"), "{\"name\":\"LibreChat\"}");
            Files.writeString(build.resolve("config.json"), "{}");
            Files.writeString(build.resolve("robots.txt"), "User-agent: *");
            Files.write(build.resolve("favicon.ico"), new byte[] {0, 0, 1, 0});
            Files.writeString(build.resolve(".env"), SECRET);
            Files.writeString(build.resolve("assets/.hidden"), SECRET);
            Files.writeString(build.resolve("assets/index.AbCd1234.js"), SCRIPT);
            // Brotli bytes are sent as stored; the test only needs to recognise them.
            Files.writeString(build.resolve("assets/index.AbCd1234.js.br"), "brotli of the script");
            Files.write(build.resolve("assets/index.AbCd1234.js.gz"), gzip(SCRIPT));
            Files.writeString(build.resolve("assets/index.AbCd1234.js.map"), "{\"version\":3}");
            Files.writeString(build.resolve("assets/worker.AbCd1234.mjs"), "export {};");
            Files.writeString(build.resolve("assets/index.AbCd1234.css"), "body { margin: 0 }");
            Files.writeString(build.resolve("assets/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
            Files.write(build.resolve("assets/favicon-32x32.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            Files.write(build.resolve("assets/module.AbCd1234.wasm"), new byte[] {0, 'a', 's', 'm'});
            Files.write(assets.resolve("Inter-Regular.woff2"), new byte[] {'w', 'O', 'F', '2'});
            Files.createSymbolicLink(build.resolve("leak.txt"), OUTSIDE.resolve("secret.txt"));
            Files.createSymbolicLink(build.resolve("assets/escape"), OUTSIDE);
            return build;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
