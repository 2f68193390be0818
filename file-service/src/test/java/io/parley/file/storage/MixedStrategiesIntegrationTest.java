package io.parley.file.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.file.FileIntegrationTest;
import io.parley.file.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The routes over every strategy at once, as {@code fileStrategies} allows: documents in S3 (s3rver),
 * images in Azure Blob (Azurite), avatars local. Each kind is uploaded, listed, downloaded whole and in
 * a range, fetched directly where the store signs URLs, and deleted from its store.
 */
class MixedStrategiesIntegrationTest extends FileIntegrationTest {

    private static final byte[] TEXT = "Stored in S3, read back through Parley.\n".getBytes(StandardCharsets.UTF_8);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static S3rver s3;
    private static Azurite azure;

    @DynamicPropertySource
    static void strategies(DynamicPropertyRegistry registry) throws Exception {
        s3 = S3rver.start(directory("s3"));
        azure = Azurite.start(directory("azurite"));
        registry.add("librechat.fileStrategies.document", () -> "s3");
        registry.add("librechat.fileStrategies.image", () -> "azure_blob");
        registry.add("librechat.fileStrategies.avatar", () -> "local");
        registry.add("parley.file.s3.endpoint", s3::endpoint);
        registry.add("parley.file.s3.bucket", () -> S3rver.BUCKET);
        registry.add("parley.file.s3.access-key-id", () -> "S3RVER");
        registry.add("parley.file.s3.secret-access-key", () -> "S3RVER");
        registry.add("parley.file.s3.force-path-style", () -> "true");
        registry.add("parley.file.azure.connection-string", azure::connectionString);
    }

    @AfterAll
    static void stopStores() {
        if (s3 != null) {
            s3.close();
        }
        if (azure != null) {
            azure.close();
        }
    }

    @Test
    void aDocumentLivesInS3AndEveryRouteReachesIt() throws Exception {
        Person me = user();
        JsonNode doc = upload(me, "/api/files", "notes.txt", "text/plain", TEXT);
        assertThat(doc.get("source").asString()).isEqualTo("s3");

        assertEveryReadRouteServes(me, doc, TEXT);
        URI direct = assertDirectDownload(me, doc, TEXT);
        assertDeletedFromItsStore(me, doc, direct);
    }

    @Test
    void anImageLivesInAzureAndEveryRouteReachesIt() throws Exception {
        Person me = user();
        JsonNode image = upload(me, "/api/files/images", "photo.png", "image/png", TestImages.png(40, 30));
        assertThat(image.get("source").asString()).isEqualTo("azure_blob");
        byte[] stored = multipart.getBytes("/api/files/" + image.get("file_id").asString(), me.auth()).body();

        assertEveryReadRouteServes(me, image, stored);
        HttpResponse<byte[]> shown = multipart.getBytes(image.get("filepath").asString(), "X-Parley-Tenant", tenant);
        assertThat(shown.statusCode()).as("the public /images path").isEqualTo(200);
        assertThat(shown.body()).isEqualTo(stored);
        URI direct = assertDirectDownload(me, image, stored);
        assertDeletedFromItsStore(me, image, direct);
    }

    @Test
    void anAvatarStaysLocalBesideThem() {
        Person me = user();

        Http.Response avatar = multipart.form().file("file", "me.png", "image/png", TestImages.png(300, 300))
                .as(me).post("/api/files/images/avatar");

        assertThat(avatar.status()).as(avatar.body()).isEqualTo(200);
        JsonNode listed = http.get("/api/files", me.auth()).json().get(0);
        assertThat(listed.get("context").asString()).isEqualTo("avatar");
        assertThat(listed.get("source").asString()).isEqualTo("local");
        assertThat(multipart.getBytes(avatar.json().get("url").asString(), "X-Parley-Tenant", tenant).statusCode())
                .isEqualTo(200);
    }

    private void assertEveryReadRouteServes(Person me, JsonNode file, byte[] content) {
        String id = file.get("file_id").asString();
        assertThat(http.get("/api/files", me.auth()).json().findValuesAsString("file_id")).contains(id);
        HttpResponse<byte[]> whole = multipart.getBytes("/api/files/download/" + me.id() + "/" + id, me.auth());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(content);
        HttpResponse<byte[]> range = multipart.getBytes("/api/files/" + id, "Authorization", "Bearer " + me.token(),
                "Range", "bytes=2-9");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(content, 2, 10));
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 2-9/" + content.length);
        assertThat(multipart.getBytes("/api/files/" + id, user().auth()).statusCode()).as("another person")
                .isEqualTo(403);
    }

    /** {@code ?direct=true} redirects to a signed URL that works without Parley's token. */
    private URI assertDirectDownload(Person me, JsonNode file, byte[] content) throws Exception {
        String id = file.get("file_id").asString();
        HttpResponse<byte[]> redirect = multipart.getBytes("/api/files/download/" + me.id() + "/" + id + "?direct=true",
                me.auth());
        assertThat(redirect.statusCode()).isEqualTo(302);
        URI direct = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        HttpResponse<byte[]> fetched = CLIENT.send(HttpRequest.newBuilder(direct).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(content);
        Http.Response url = http.get("/api/files/download-url/" + me.id() + "/" + id, me.auth());
        assertThat(url.status()).isEqualTo(200);
        assertThat(url.json().get("filename").asString()).isEqualTo(file.get("filename").asString());
        return direct;
    }

    /** After LibreChat's delete the record is gone and so are the bytes: the signed URL finds nothing. */
    private void assertDeletedFromItsStore(Person me, JsonNode file, URI direct) throws Exception {
        String id = file.get("file_id").asString();
        Http.Response deleted = http.send("DELETE", "/api/files", "{\"files\":[{\"file_id\":\"" + id + "\"}]}", me.auth());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(multipart.getBytes("/api/files/" + id, me.auth()).statusCode()).isEqualTo(404);
        assertThat(CLIENT.send(HttpRequest.newBuilder(direct).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).as("the object is gone from its store").isEqualTo(404);
    }

    private JsonNode upload(Person who, String path, String filename, String type, byte[] content) {
        Http.Response uploaded = multipart.form().librechat("openAI").file("file", filename, type, content).as(who).post(path);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        return uploaded.json();
    }

    private static Path directory(String name) {
        try {
            Path dir = Files.createTempDirectory("parley-" + name + "-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
