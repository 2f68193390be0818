package io.parley.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

@ExtendWith(OutputCaptureExtension.class)
class WebClientFilesTest {

    @Test
    void aFolderWithoutIndexHtmlIsNotServedAndSaysSoAtStartUp(@TempDir Path folder, CapturedOutput output) throws IOException {
        Files.createDirectories(folder.resolve("assets"));

        WebClientFiles files = new WebClientFiles(new WebClientProperties(folder.toString()));

        assertThat(files.serves(MockServerHttpRequest.get("/").build())).isFalse();
        assertThat(output).contains("PARLEY_WEB_DIR").contains("holds no index.html");
    }

    @Test
    void aMissingFolderIsNotServedAndSaysSo(@TempDir Path folder, CapturedOutput output) {
        WebClientFiles files = new WebClientFiles(new WebClientProperties(folder.resolve("none").toString()));

        assertThat(files.serves(MockServerHttpRequest.get("/c/new").build())).isFalse();
        assertThat(output).contains("cannot be read");
    }

    @Test
    void withoutAFolderNothingIsServedAndNothingLogged(CapturedOutput output) {
        WebClientFiles files = new WebClientFiles(new WebClientProperties(""));

        assertThat(files.serves(MockServerHttpRequest.get("/").build())).isFalse();
        assertThat(output).doesNotContain("PARLEY_WEB_DIR");
    }

    @Test
    void onlyGetAndHeadOutsideTheBackEndPathsAreTheClients(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("index.html"), "<!doctype html>");
        WebClientFiles files = new WebClientFiles(new WebClientProperties(folder.toString()));

        for (String path : List.of("/", "/c/new", "/assets/index.AbCd1234.js", "/apis", "/login", "/oauth/success")) {
            assertThat(files.serves(MockServerHttpRequest.get(path).build())).as(path).isTrue();
            assertThat(files.serves(MockServerHttpRequest.head(path).build())).as(path).isTrue();
            assertThat(files.serves(MockServerHttpRequest.post(path).build())).as(path).isFalse();
        }
        for (String path : List.of("/api", "/api/convos", "/Api/x", "/oauth/google", "/oauth/error", "/oauth/success/x",
                "/images/u/f.png", "/.well-known/jwks.json", "/health", "/actuator/health")) {
            assertThat(files.serves(MockServerHttpRequest.get(path).build())).as(path).isFalse();
        }
    }

    @Test
    void encodingsAreTheOnesAcceptedWithAQualityAboveZero() {
        assertThat(WebClientFiles.acceptedEncodings("gzip, deflate, br, zstd")).containsExactlyInAnyOrder("br", "gzip");
        assertThat(WebClientFiles.acceptedEncodings("br;q=0, gzip;q=0.5")).containsExactly("gzip");
        assertThat(WebClientFiles.acceptedEncodings("*")).containsExactlyInAnyOrder("br", "gzip");
        assertThat(WebClientFiles.acceptedEncodings("*, gzip;q=0")).containsExactly("br");
        assertThat(WebClientFiles.acceptedEncodings("identity")).isEmpty();
        assertThat(WebClientFiles.acceptedEncodings(null)).isEmpty();
    }

    @Test
    void aPageIsWhatAcceptsHtml() {
        assertThat(WebClientFiles.acceptsHtml("text/html,application/xhtml+xml,*/*;q=0.8")).isTrue();
        assertThat(WebClientFiles.acceptsHtml(null)).isTrue();
        assertThat(WebClientFiles.acceptsHtml("*/*")).isTrue();
        assertThat(WebClientFiles.acceptsHtml("application/json")).isFalse();
        assertThat(WebClientFiles.acceptsHtml("text/html;q=0")).isFalse();
        assertThat(WebClientFiles.acceptsHtml("not a type")).isFalse();
    }

    @Test
    void onlyHashedAssetsAreImmutable() {
        assertThat(WebClientFiles.cacheControl(List.of("assets", "index.DHWie5sD.js"))).isEqualTo(WebClientFiles.IMMUTABLE);
        assertThat(WebClientFiles.cacheControl(List.of("assets", "MyFilesModal.D8-1KrmW.js"))).isEqualTo(WebClientFiles.IMMUTABLE);
        assertThat(WebClientFiles.cacheControl(List.of("assets", "logo.svg"))).isEqualTo(WebClientFiles.REVALIDATE);
        assertThat(WebClientFiles.cacheControl(List.of("assets", "fonts", "Inter-SemiBold.woff2"))).isEqualTo(WebClientFiles.REVALIDATE);
        assertThat(WebClientFiles.cacheControl(List.of("workbox-1b73dcc2.js"))).isEqualTo(WebClientFiles.REVALIDATE);
        assertThat(WebClientFiles.cacheControl(List.of("index.html"))).isEqualTo(WebClientFiles.REVALIDATE);
    }

    @Test
    void anEntityTagMatchesByWeakComparison() {
        assertThat(WebClientRoute.notModified(List.of("\"a-1\""), "\"a-1\"")).isTrue();
        assertThat(WebClientRoute.notModified(List.of("W/\"a-1\""), "\"a-1\"")).isTrue();
        assertThat(WebClientRoute.notModified(List.of("\"x\", \"a-1\""), "\"a-1\"")).isTrue();
        assertThat(WebClientRoute.notModified(List.of("*"), "\"a-1\"")).isTrue();
        assertThat(WebClientRoute.notModified(List.of("\"a-2\""), "\"a-1\"")).isFalse();
        assertThat(WebClientRoute.notModified(List.of(), "\"a-1\"")).isFalse();
    }
}
