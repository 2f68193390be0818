package io.parley.file.upload;

import io.parley.common.edge.EdgeHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.file.FileIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadChecksIntegrationTest extends FileIntegrationTest {

    private static final byte[] TEXT = "hello\n".getBytes(StandardCharsets.UTF_8);
    /** The start of an ELF executable. */
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0, 1, 0, 0, 0};

    @Test
    void withoutAClientFileIdNothingIsStored() throws IOException {
        Person me = user();
        Http.Response response = multipart.form().field("endpoint", "openAI").file("file", "a.txt", "text/plain", TEXT)
                .as(me).post("/api/files");

        assertRefused(response, 400, "No file_id provided");
        assertNothingKeptFor(me);
    }

    @Test
    void aFileIdThatIsNoUuidIsRefusedAndNothingIsStored() throws IOException {
        Person me = user();
        Http.Response response = multipart.form().field("file_id", "../../etc/passwd").field("endpoint", "openAI")
                .file("file", "a.txt", "text/plain", TEXT).as(me).post("/api/files");

        assertRefused(response, 400, "UUID");
        assertNothingKeptFor(me);
    }

    @Test
    void withoutAnEndpointTheUploadIsRefusedAndNothingIsStored() throws IOException {
        Person me = user();
        Http.Response response = multipart.form().field("file_id", java.util.UUID.randomUUID().toString())
                .file("file", "a.txt", "text/plain", TEXT).as(me).post("/api/files");

        assertRefused(response, 400, "No endpoint provided");
        assertNothingKeptFor(me);
    }

    @Test
    void anEmptyFileIsRefusedAndNothingIsStored() throws IOException {
        Person me = user();
        assertRefused(multipart.form().librechat("openAI").file("file", "a.txt", "text/plain", new byte[0]).as(me)
                .post("/api/files"), 400, "Empty file uploaded");
        assertNothingKeptFor(me);
    }

    @Test
    void aRequestWithoutAFilePartIsA400() {
        assertRefused(multipart.form().librechat("openAI").as(user()).post("/api/files"), 400, "No file uploaded");
    }

    @Test
    void aFileOverTheEndpointsFileSizeLimitIsA413WithLibreChatsMessage() throws IOException {
        Person me = user();
        Http.Response response = multipart.form().librechat("small").file("file", "big.txt", "text/plain", text(2000))
                .as(me).post("/api/files");

        assertRefused(response, 413, "File size limit of 0.001 MB exceeded for small endpoint");
        assertNothingKeptFor(me);
    }

    /**
     * {@code serverFileSizeLimit} (1 MB here) binds whatever the endpoint's own {@code fileConfig} allows:
     * endpoints without an entry (openAI, anthropic, agents: LibreChat's defaults) and one with an entry
     * that sets no size (pdfOnly) all allow 512 MB themselves.
     */
    @ParameterizedTest
    @ValueSource(strings = {"openAI", "anthropic", "pdfOnly", "agents"})
    void aFileOverTheServerFileSizeLimitIsA413ForEveryEndpoint(String endpoint) throws IOException {
        Person me = user();
        Http.Response response = multipart.form().librechat(endpoint)
                .file("file", "big.pdf", "application/pdf", pdf(1024 * 1024 + 10)).as(me).post("/api/files");
        Http.Response atTheLimit = multipart.form().librechat(endpoint)
                .file("file", "fits.pdf", "application/pdf", pdf(1024 * 1024)).as(me).post("/api/files");

        assertRefused(response, 413, "File size limit of 1 MB exceeded for the server");
        assertThat(atTheLimit.status()).as("a file of exactly the limit is taken: " + atTheLimit.body()).isEqualTo(200);
        assertThat(http.get("/api/files", me.auth()).json().findValuesAsString("filename")).containsExactly("fits.pdf");
    }

    @Test
    void theSeedsUploadRefusesMoreFilesThanTheFileLimitBeforeStoringAny() throws IOException {
        Person me = user();
        Http.Response response = multipart.form().librechat("small").file("files", "a.txt", "text/plain", TEXT)
                .file("files", "b.txt", "text/plain", TEXT).file("files", "c.txt", "text/plain", TEXT).as(me)
                .post("/api/files/upload");

        assertRefused(response, 400, "File limit of 2 files exceeded for small endpoint");
        assertNothingKeptFor(me);
    }

    @Test
    void theSeedsUploadRefusesMoreThanTheTotalSizeLimitBeforeStoringAny() throws IOException {
        Person me = user();
        Http.Response response = multipart.form().librechat("small").file("files", "a.txt", "text/plain", text(1000))
                .file("files", "b.txt", "text/plain", text(1100)).as(me).post("/api/files/upload");

        assertRefused(response, 413, "Total size limit of 0.002 MB exceeded for small endpoint");
        assertNothingKeptFor(me);
    }

    @Test
    void anExecutableDeclaredAsAPngIsRefusedByItsContent() throws IOException {
        Person me = user();
        Http.Response response = multipart.form().librechat("openAI").file("file", "cat.png", "image/png", ELF).as(me)
                .post("/api/files");

        assertRefused(response, 400, "Unsupported file type");
        assertNothingKeptFor(me);
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

    @ParameterizedTest
    @ValueSource(strings = {"..%2F..%2F..%2Ftmp%2Fevil.txt", "../../etc/passwd", "C:\\Windows\\win.ini",
            "notes\u0000.txt.exe", "a%00.txt"})
    void aFilenameWithAPathOrControlCharactersIsRefusedAndNothingIsStored(String filename) throws IOException {
        Person me = user();

        Http.Response response = multipart.form().librechat("openAI").file("file", filename, "text/plain", TEXT).as(me)
                .post("/api/files");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertNothingKeptFor(me);
    }

    @Test
    void aFilenameOfMoreThan255CharactersIsRefusedAndOneOf255IsKept() {
        Person me = user();
        String longest = "a".repeat(251) + ".txt";

        Http.Response tooLong = multipart.form().librechat("openAI").file("file", "a" + longest, "text/plain", TEXT).as(me)
                .post("/api/files");
        Http.Response kept = multipart.form().librechat("openAI").file("file", longest, "text/plain", TEXT).as(me)
                .post("/api/files");

        assertRefused(tooLong, 400, "longer than 255 characters");
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        assertThat(kept.json().get("filename").asString()).isEqualTo(longest);
    }

    @Test
    void oddCharactersOfAnOrdinaryNameAreReplacedNotRefused() {
        Http.Response response = multipart.form().librechat("openAI").file("file", "plan: v2 <final>?.txt", "text/plain", TEXT)
                .as(user()).post("/api/files");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("filename").asString()).isEqualTo("plan_ v2 _final__.txt");
    }

    @Test
    void aTruncatedMultipartBodyIsA400AndNothingIsStored() throws Exception {
        Person me = user();
        String boundary = "cut-" + java.util.UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file_id\"\r\n\r\n"
                + java.util.UUID.randomUUID() + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"endpoint\""
                + "\r\n\r\nopenAI\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\""
                + "\r\nContent-Type: text/plain\r\n\r\nthe sender stopped here";

        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/files"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Authorization", "Bearer " + me.token())
                        .header(io.parley.common.edge.EdgeHeaders.ASSERTION, io.parley.common.test.TestEdge.assertion(null, null))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertNothingKeptFor(me);
    }

    @Test
    void aZipNamedPngIsNoImage() throws IOException {
        Person me = user();
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

        Http.Response response = multipart.form().librechat("openAI").file("file", "cat.png", "image/png", zip).as(me)
                .post("/api/files/images");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertNothingKeptFor(me);
    }

    @Test
    void anImageClaimingAbsurdDimensionsIsRefusedBeforeItsPixelsAreDecoded() throws IOException {
        Person me = user();

        Http.Response response = multipart.form().librechat("openAI")
                .file("file", "bomb.png", "image/png", pngHeader(100_000, 100_000)).as(me).post("/api/files/images");

        assertRefused(response, 400, "pixels");
        assertNothingKeptFor(me);
    }

    /** A PNG signature and IHDR chunk (with its CRC) declaring the size, and no pixels after it. */
    private static byte[] pngHeader(int width, int height) {
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ihdr.array());
        return java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }

    /** Neither a record in the caller's list nor any bytes under the caller's storage keys. */
    private void assertNothingKeptFor(Person me) throws IOException {
        assertThat(http.get("/api/files", me.auth()).json()).isEmpty();
        assertNothingStoredFor(me);
    }

    private void assertNothingStoredFor(Person me) throws IOException {
        Path mine = DATA.resolve(tenant).resolve(me.id());
        if (Files.exists(mine)) {
            try (Stream<Path> stored = Files.walk(mine)) {
                assertThat(stored.filter(Files::isRegularFile).toList()).isEmpty();
            }
        }
    }

    @Test
    void aFileTheVirusScannerFlagsIsA422AndNothingIsStored() throws IOException {
        Person me = user();
        Http.Response response = multipart.form().librechat("openAI")
                .file("file", "eicar.txt", "text/plain", io.parley.file.scan.FakeClamd.EICAR.getBytes(StandardCharsets.US_ASCII))
                .as(me).post("/api/files");

        assertRefused(response, 422, "The file was refused by the virus scanner");
        assertNothingKeptFor(me);
    }

    private static void assertRefused(Http.Response response, int status, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("message").asString()).contains(message);
    }

    /** A PDF (by its signature, which is what the type check reads) of exactly {@code size} bytes. */
    private static byte[] pdf(int size) {
        byte[] bytes = text(size);
        byte[] header = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    private static byte[] text(int size) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }
}
