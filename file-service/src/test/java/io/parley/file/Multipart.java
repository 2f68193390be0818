package io.parley.file;

import io.parley.common.test.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** multipart/form-data requests as LibreChat's client sends them: text fields and file parts. */
public final class Multipart {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public Multipart(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Form form() {
        return new Form();
    }

    /** A GET whose body is kept as bytes (downloads). */
    public HttpResponse<byte[]> getBytes(String path, String... given) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET();
        String[] headers = io.parley.common.test.TestEdge.vouched(given);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public final class Form {
        private final String boundary = "parley-" + UUID.randomUUID();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final List<String> headers = new ArrayList<>();

        public Form field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        public Form file(String name, String filename, String contentType, byte[] content) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
            body.writeBytes(content);
            write("\r\n");
            return this;
        }

        /** A LibreChat upload's usual fields: a client file_id and the endpoint. */
        public Form librechat(String endpoint) {
            return field("file_id", UUID.randomUUID().toString()).field("endpoint", endpoint);
        }

        public Form as(FileIntegrationTest.Person person) {
            headers.add("Authorization");
            headers.add("Bearer " + person.token());
            return this;
        }

        public Http.Response post(String path) {
            write("--" + boundary + "--\r\n");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
            String[] vouched = io.parley.common.test.TestEdge.vouched(headers.toArray(String[]::new));
            for (int i = 0; i < vouched.length; i += 2) {
                request.header(vouched[i], vouched[i + 1]);
            }
            try {
                HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Http.Response(response.statusCode(), response.headers(), response.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void write(String text) {
            body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
