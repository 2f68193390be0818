package io.parley.file.image;

import static io.parley.file.TestImages.jpeg;
import static io.parley.file.TestImages.png;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.file.FileIntegrationTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ImageUploadIntegrationTest extends FileIntegrationTest {

    private static final String SECRET = "GPS 52.5200N 13.4050E";

    @Test
    void anImageIsReencodedAsPngScaledDownAndStrippedOfItsMetadata() throws IOException {
        Person me = user();
        byte[] jpeg = withComment(jpeg(200, 100), SECRET);

        Http.Response uploaded = multipart.form().librechat("openAI").field("width", "200").field("height", "100")
                .file("file", "holiday.jpg", "image/jpeg", jpeg).as(me).post("/api/files/images");

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        JsonNode doc = uploaded.json();
        assertThat(doc.get("type").asString()).isEqualTo("image/png");
        assertThat(doc.get("filename").asString()).isEqualTo("holiday.png");
        assertThat(doc.get("width").asInt()).isEqualTo(64);
        assertThat(doc.get("height").asInt()).isEqualTo(32);
        assertThat(doc.get("filepath").asString()).isEqualTo("/images/" + me.id() + "/" + doc.get("file_id").asString() + ".png");

        HttpResponse<byte[]> stored = multipart.getBytes("/api/files/" + doc.get("file_id").asString(), me.auth());
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(new String(stored.body(), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(stored.body()));
        assertThat(decoded.getWidth()).isEqualTo(64);
        assertThat(decoded.getHeight()).isEqualTo(32);
        assertThat(doc.get("bytes").asLong()).isEqualTo(stored.body().length);
    }

    @Test
    void theImagesFilepathIsServedWithoutATokenAsLibreChatsStaticImagesAre() {
        Person me = user();
        JsonNode doc = multipart.form().librechat("openAI").file("file", "a.png", "image/png", png(10, 10)).as(me)
                .post("/api/files/images").json();

        HttpResponse<byte[]> image = multipart.getBytes(doc.get("filepath").asString(), "X-Parley-Tenant", tenant);
        HttpResponse<byte[]> otherTenant = multipart.getBytes(doc.get("filepath").asString(), "X-Parley-Tenant", "x" + tenant);
        HttpResponse<byte[]> wrongOwner = multipart.getBytes("/images/" + user().id() + "/" + doc.get("file_id").asString() + ".png",
                "X-Parley-Tenant", tenant);

        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertFileNotFound(otherTenant);
        assertFileNotFound(wrongOwner);
    }

    @Test
    void documentsAreNeverServedAsStaticImages() {
        Person me = user();
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        JsonNode doc = multipart.form().librechat("openAI").file("file", "page.html", "text/html", html).as(me)
                .post("/api/files").json();
        JsonNode picture = multipart.form().librechat("openAI").file("file", "a.png", "image/png", png(10, 10)).as(me)
                .post("/api/files").json();

        HttpResponse<byte[]> asImage = multipart.getBytes("/images/" + me.id() + "/" + doc.get("file_id").asString() + ".png",
                "X-Parley-Tenant", tenant);
        HttpResponse<byte[]> picturesPath = multipart.getBytes("/images/" + me.id() + "/" + picture.get("file_id").asString()
                + ".png", "X-Parley-Tenant", tenant);
        HttpResponse<byte[]> download = multipart.getBytes("/api/files/download/" + me.id() + "/" + doc.get("file_id").asString(),
                me.auth());

        assertFileNotFound(asImage);
        assertThat(picturesPath.statusCode()).as("the same path of an image uploaded the same way is served").isEqualTo(200);
        assertThat(download.statusCode()).as("the document is there for its owner").isEqualTo(200);
        assertThat(download.body()).isEqualTo(html);
    }

    /** The refusal of {@code /images}: 404 with LibreChat's JSON error, told apart from a path no route has. */
    private static void assertFileNotFound(HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(404);
        JsonNode error = Http.parse(body);
        assertThat(error.get("error").asString()).isEqualTo("Not Found");
        assertThat(error.get("message").asString()).isEqualTo("File not found");
    }

    @Test
    void theImageRouteRefusesWhatIsNoImage() {
        Http.Response response = multipart.form().librechat("openAI")
                .file("file", "a.png", "image/png", "not an image".getBytes(StandardCharsets.UTF_8)).as(user())
                .post("/api/files/images");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("message").asString()).isEqualTo("Unsupported file type");
    }

    @Test
    void aTruncatedImageIsA400AndNothingIsStored() {
        Person me = user();
        byte[] png = png(50, 50);
        byte[] truncated = java.util.Arrays.copyOf(png, 60);

        Http.Response response = multipart.form().librechat("openAI").file("file", "a.png", "image/png", truncated).as(me)
                .post("/api/files/images");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(http.get("/api/files", me.auth()).json()).isEmpty();
    }

    @Test
    void imagesUploadedAsFilesAreReencodedToo() {
        Http.Response uploaded = multipart.form().librechat("openAI")
                .file("file", "photo.jpg", "image/jpeg", withComment(jpeg(20, 10), SECRET)).as(user()).post("/api/files");

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.json().get("type").asString()).isEqualTo("image/png");
        assertThat(uploaded.json().get("width").asInt()).isEqualTo(20);
    }

    /** Inserts a JPEG COM segment (where cameras and editors put text) right after the SOI marker. */
    static byte[] withComment(byte[] jpeg, String comment) {
        byte[] text = comment.getBytes(StandardCharsets.ISO_8859_1);
        int length = text.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xFE);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(text);
        out.write(jpeg, 2, jpeg.length - 2);
        byte[] result = out.toByteArray();
        assertThat(new String(result, StandardCharsets.ISO_8859_1)).contains(comment);
        return result;
    }
}
