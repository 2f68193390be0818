package io.parley.file.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Azurite;
import io.parley.common.test.FirebaseStorageEmulator;
import io.parley.common.test.Http;
import io.parley.common.test.S3rver;
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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The routes over several strategies at once, as {@code fileStrategies} allows: documents in S3 (s3rver),
 * images in Firebase (the Firebase Storage emulator, signing with a service-account key), avatars in Azure
 * Blob (Azurite). Each kind is uploaded, listed, downloaded whole and in a range, fetched directly where
 * the store signs URLs, and deleted from its store.
 */
class MixedStrategiesIntegrationTest extends FileIntegrationTest {

    private static final byte[] TEXT = "Stored in S3, read back through Parley.\n".getBytes(StandardCharsets.UTF_8);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static S3rver s3;
    private static Azurite azure;
    private static FirebaseStorageEmulator firebase;

    @DynamicPropertySource
    static void strategies(DynamicPropertyRegistry registry) throws Exception {
        s3 = S3rver.start(directory("s3"));
        azure = Azurite.start(directory("azurite"));
        firebase = FirebaseStorageEmulator.start(directory("firebase"));
        registry.add("librechat.fileStrategies.document", () -> "s3");
        registry.add("librechat.fileStrategies.image", () -> "firebase");
        registry.add("librechat.fileStrategies.avatar", () -> "azure_blob");
        registry.add("parley.file.s3.endpoint", s3::endpoint);
        registry.add("parley.file.s3.bucket", () -> S3rver.BUCKET);
        registry.add("parley.file.s3.access-key-id", () -> "S3RVER");
        registry.add("parley.file.s3.secret-access-key", () -> "S3RVER");
        registry.add("parley.file.s3.force-path-style", () -> "true");
        registry.add("parley.file.azure.connection-string", azure::connectionString);
        registry.add("parley.file.firebase.project-id", () -> "demo-parley");
        registry.add("parley.file.firebase.bucket", () -> FirebaseStorageEmulator.BUCKET);
        registry.add("parley.file.firebase.emulator-host", firebase::host);
        registry.add("parley.file.firebase.service-account", () -> TestServiceAccount.create().json());
    }

    @AfterAll
    static void stopStores() {
        if (s3 != null) {
            s3.close();
        }
        if (azure != null) {
            azure.close();
        }
        if (firebase != null) {
            firebase.close();
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
    void anImageLivesInFirebaseAndEveryRouteReachesIt() throws Exception {
        Person me = user();
        JsonNode image = upload(me, "/api/files/images", "photo.png", "image/png", TestImages.png(40, 30));
        assertThat(image.get("source").asString()).isEqualTo("firebase");
        assertThat(objectsInFirebaseOf(me)).as("the bucket holds it under its key").hasSize(1);
        byte[] stored = multipart.getBytes("/api/files/" + image.get("file_id").asString(), me.auth()).body();

        assertEveryReadRouteServes(me, image, stored);
        HttpResponse<byte[]> shown = multipart.getBytes(image.get("filepath").asString(), "X-Parley-Tenant", tenant);
        assertThat(shown.statusCode()).as("the public /images path").isEqualTo(200);
        assertThat(shown.body()).isEqualTo(stored);
        URI direct = assertDirectDownload(me, image, stored);
        assertDeletedFromItsStore(me, image, direct);
    }

    @Test
    void aRefusedImageLeavesNothingInFirebaseAndAnUnknownIdIsNotFound() throws Exception {
        Person me = user();
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

        Http.Response refused = multipart.form().librechat("openAI").file("file", "cat.png", "image/png", zip).as(me)
                .post("/api/files/images");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(http.get("/api/files", me.auth()).json()).isEmpty();
        assertThat(objectsInFirebaseOf(me)).isEmpty();
        String unknown = java.util.UUID.randomUUID().toString();
        assertThat(multipart.getBytes("/api/files/" + unknown, me.auth()).statusCode()).isEqualTo(404);
        assertThat(multipart.getBytes("/api/files/download/" + me.id() + "/" + unknown + "?direct=true", me.auth())
                .statusCode()).isEqualTo(404);
    }

    @Test
    void anAvatarLivesInAzureBesideThem() {
        Person me = user();

        Http.Response avatar = multipart.form().file("file", "me.png", "image/png", TestImages.png(300, 300))
                .as(me).post("/api/files/images/avatar");

        assertThat(avatar.status()).as(avatar.body()).isEqualTo(200);
        JsonNode listed = http.get("/api/files", me.auth()).json().get(0);
        assertThat(listed.get("context").asString()).isEqualTo("avatar");
        assertThat(listed.get("source").asString()).isEqualTo("azure_blob");
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
        HttpResponse<byte[]> beyond = multipart.getBytes("/api/files/" + id, "Authorization", "Bearer " + me.token(),
                "Range", "bytes=" + content.length + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + content.length);
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

    /** The names the emulator's bucket lists under the person's keys (Cloud Storage's object listing). */
    private List<String> objectsInFirebaseOf(Person who) throws Exception {
        String prefix = java.net.URLEncoder.encode(who.tenant() + "/" + who.id() + "/", StandardCharsets.UTF_8);
        HttpResponse<String> listing = CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + firebase.host()
                + "/storage/v1/b/" + FirebaseStorageEmulator.BUCKET + "/o?prefix=" + prefix)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
        JsonNode items = tools.jackson.databind.json.JsonMapper.shared().readTree(listing.body()).path("items");
        return items.valueStream().map(item -> item.get("name").asString()).toList();
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
