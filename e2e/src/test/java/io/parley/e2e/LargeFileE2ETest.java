package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A 200 MB file up and down through the gateway, with file-service on a heap smaller than the file
 * ({@link ParleySystem#FILE_SERVICE_HEAP}): it passes only because neither direction holds the file in
 * memory. The client streams from and to disk as well.
 */
class LargeFileE2ETest extends E2ETest {

    private static final long SIZE = 200L * 1024 * 1024;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void a200MegabyteFileStreamsUpAndDownThroughAServiceWithLessHeapThanTheFile() throws Exception {
        assertThat(heapMaxOfFileService()).as("file-service's heap is smaller than the file").isLessThan(SIZE);
        String tenant = uniqueTenant("large");
        String person = signIn(tenant);
        String boundary = "e2e-" + UUID.randomUUID();
        Path body = Files.createTempFile("parley-large-", ".multipart");
        try {
            writeMultipart(body, boundary);
            HttpResponse<String> uploaded = CLIENT.send(HttpRequest.newBuilder(URI.create(ParleySystem.gatewayUrl() + "/api/files"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Authorization", person)
                    .header("X-Tenant", tenant).header("X-Forwarded-For", ip).header("User-Agent", BROWSER)
                    .POST(HttpRequest.BodyPublishers.ofFile(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
            var doc = Http.parse(uploaded.body());
            assertThat(doc.get("bytes").asLong()).isEqualTo(SIZE);

            HttpResponse<InputStream> download = CLIENT.send(HttpRequest.newBuilder(URI.create(ParleySystem.gatewayUrl()
                            + "/api/files/download/" + doc.get("user").asString() + "/" + doc.get("file_id").asString()))
                    .header("Authorization", person).header("X-Tenant", tenant).header("X-Forwarded-For", ip)
                    .header("User-Agent", BROWSER).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(mismatchIn(download.body())).as("the first byte that differs, or -1").isEqualTo(-1);
        } finally {
            Files.deleteIfExists(body);
        }
        assertThat(heapMaxOfFileService()).isLessThan(SIZE);
    }

    /** Plain text of a known pattern, so the type check takes it and the download can be compared. */
    private static byte at(long position) {
        return position % 64 == 63 ? (byte) '\n' : (byte) ('a' + position * 7 % 26);
    }

    private static void writeMultipart(Path file, String boundary) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (String[] field : new String[][] {{"file_id", UUID.randomUUID().toString()}, {"endpoint", "openAI"}}) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                        + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            for (long i = 0; i < SIZE; i++) {
                out.write(at(i));
            }
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static long mismatchIn(InputStream in) throws IOException {
        long position = 0;
        byte[] buffer = new byte[1 << 16];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++, position++) {
                    if (buffer[i] != at(position)) {
                        return position;
                    }
                }
            }
        }
        return position == SIZE ? -1 : position;
    }

    /** The sum of the heap pools' maxima, as file-service's Prometheus endpoint reports them. */
    private static long heapMaxOfFileService() {
        String metrics = new Http(ParleySystem.fileServiceUrl()).get("/actuator/prometheus").body();
        Matcher heap = Pattern.compile("(?m)^jvm_memory_max_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$").matcher(metrics);
        long max = 0;
        while (heap.find()) {
            max += (long) Double.parseDouble(heap.group(1));
        }
        assertThat(max).as("heap maxima reported").isPositive();
        return max;
    }
}
