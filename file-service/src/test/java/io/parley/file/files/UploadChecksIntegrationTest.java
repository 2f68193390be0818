package io.parley.file.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.file.FileIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UploadChecksIntegrationTest extends FileIntegrationTest {

    private static final byte[] TEXT = "hello\n".getBytes(StandardCharsets.UTF_8);
    /** The start of an ELF executable. */
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0, 1, 0, 0, 0};

    @Test
    void withoutAClientFileIdNothingIsStored() {
        Person me = user();
        Http.Response response = multipart.form().field("endpoint", "openAI").file("file", "a.txt", "text/plain", TEXT)
                .as(me).post("/api/files");

        assertRefused(response, 400, "No file_id provided");
        assertThat(http.get("/api/files", me.auth()).json()).isEmpty();
    }

    @Test
    void aFileIdThatIsNoUuidIsRefused() {
        Http.Response response = multipart.form().field("file_id", "../../etc/passwd").field("endpoint", "openAI")
                .file("file", "a.txt", "text/plain", TEXT).as(user()).post("/api/files");

        assertRefused(response, 400, "UUID");
    }

    @Test
    void withoutAnEndpointTheUploadIsRefused() {
        Http.Response response = multipart.form().field("file_id", java.util.UUID.randomUUID().toString())
                .file("file", "a.txt", "text/plain", TEXT).as(user()).post("/api/files");

        assertRefused(response, 400, "No endpoint provided");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertRefused(multipart.form().librechat("openAI").file("file", "a.txt", "text/plain", new byte[0]).as(user())
                .post("/api/files"), 400, "Empty file uploaded");
    }

    @Test
    void aRequestWithoutAFilePartIsA400() {
        assertRefused(multipart.form().librechat("openAI").as(user()).post("/api/files"), 400, "No file uploaded");
    }

    @Test
    void aFileOverTheEndpointsFileSizeLimitIsA413WithLibreChatsMessage() {
        Person me = user();
        Http.Response response = multipart.form().librechat("small").file("file", "big.txt", "text/plain", text(2000))
                .as(me).post("/api/files");

        assertRefused(response, 413, "File size limit of 0.001 MB exceeded for small endpoint");
        assertThat(http.get("/api/files", me.auth()).json()).isEmpty();
    }

    @Test
    void aFileOverTheServerFileSizeLimitIsA413ForEveryEndpoint() {
        Http.Response response = multipart.form().librechat("openAI")
                .file("file", "big.txt", "text/plain", text(1024 * 1024 + 10)).as(user()).post("/api/files");

        assertThat(response.status()).as(response.body()).isEqualTo(413);
    }

    @Test
    void theSeedsUploadRefusesMoreFilesThanTheFileLimitBeforeStoringAny() {
        Person me = user();
        Http.Response response = multipart.form().librechat("small").file("files", "a.txt", "text/plain", TEXT)
                .file("files", "b.txt", "text/plain", TEXT).file("files", "c.txt", "text/plain", TEXT).as(me)
                .post("/api/files/upload");

        assertRefused(response, 400, "File limit of 2 files exceeded for small endpoint");
        assertThat(http.get("/api/files", me.auth()).json()).isEmpty();
    }

    @Test
    void theSeedsUploadRefusesMoreThanTheTotalSizeLimit() {
        Http.Response response = multipart.form().librechat("small").file("files", "a.txt", "text/plain", text(1000))
                .file("files", "b.txt", "text/plain", text(1100)).as(user()).post("/api/files/upload");

        assertThat(response.status()).as(response.body()).isEqualTo(413);
    }

    @Test
    void anExecutableDeclaredAsAPngIsRefusedByItsContent() {
        Person me = user();
        Http.Response response = multipart.form().librechat("openAI").file("file", "cat.png", "image/png", ELF).as(me)
                .post("/api/files");

        assertRefused(response, 400, "Unsupported file type");
        assertThat(http.get("/api/files", me.auth()).json()).isEmpty();
    }

    @Test
    void anEndpointsAllowListIsCheckedAgainstTheDetectedType() {
        Http.Response text = multipart.form().librechat("pdfOnly").file("file", "report.pdf", "application/pdf", TEXT)
                .as(user()).post("/api/files");
        Http.Response pdf = multipart.form().librechat("pdfOnly")
                .file("file", "report.pdf", "application/pdf", "%PDF-1.4\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1))
                .as(user()).post("/api/files");

        assertRefused(text, 400, "Unsupported file type");
        assertThat(pdf.status()).as(pdf.body()).isEqualTo(200);
        assertThat(pdf.json().get("type").asString()).isEqualTo("application/pdf");
    }

    @Test
    void aTraversingFilenameIsOnlyALabelAndTheBytesStayInTheDataDirectory() throws IOException {
        Person me = user();
        Http.Response response = multipart.form().librechat("openAI")
                .file("file", "..%2F..%2F..%2Ftmp%2Fevil|.txt", "text/plain", TEXT).as(me).post("/api/files");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("filename").asString()).isEqualTo("evil_.txt");
        String fileId = response.json().get("file_id").asString();
        try (Stream<Path> stored = Files.walk(DATA)) {
            List<Path> matches = stored.filter(p -> p.getFileName().toString().equals(fileId)).toList();
            assertThat(matches).singleElement().satisfies(p -> assertThat(p).startsWith(DATA.resolve(tenant)));
        }
    }

    @Test
    void aFileTheVirusScannerFlagsIsA422AndNothingIsStored() {
        Person me = user();
        Http.Response response = multipart.form().librechat("openAI")
                .file("file", "eicar.txt", "text/plain", io.parley.file.scan.FakeClamd.EICAR.getBytes(StandardCharsets.US_ASCII))
                .as(me).post("/api/files");

        assertRefused(response, 422, "The file was refused by the virus scanner");
        assertThat(http.get("/api/files", me.auth()).json()).isEmpty();
    }

    private static void assertRefused(Http.Response response, int status, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("message").asString()).contains(message);
    }

    private static byte[] text(int size) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }
}
