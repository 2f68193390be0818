package io.parley.file.avatar;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.file.FileIntegrationTest;
import io.parley.file.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvatarIntegrationTest extends FileIntegrationTest {

    @AfterEach
    void authAnswersAgain() {
        AUTH.refuse(false);
    }

    @Test
    void anAvatarIsReencodedStoredAndItsUrlSetOnThePersonInAuthService() throws IOException {
        Person me = user();

        Http.Response response = multipart.form().field("manual", "true")
                .file("file", "me.jpg", "image/jpeg", TestImages.jpeg(600, 300)).as(me)
                .post("/api/files/images/avatar");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String url = response.json().get("url").asString();
        assertThat(url).startsWith("/images/" + me.id() + "/").endsWith(".png");
        assertThat(AUTH.avatarOf(tenant, me.id())).isEqualTo(url);
        HttpResponse<byte[]> image = multipart.getBytes(url, "X-Parley-Tenant", tenant);
        assertThat(image.statusCode()).isEqualTo(200);
        var decoded = ImageIO.read(new ByteArrayInputStream(image.body()));
        assertThat(decoded.getWidth()).isEqualTo(250);
        assertThat(decoded.getHeight()).isEqualTo(125);
    }

    @Test
    void anAvatarOverTheAvatarSizeLimitIsA413AndNothingChanges() {
        Person me = user();
        byte[] noise = new byte[60 * 1024];
        new Random(1).nextBytes(noise);

        Http.Response response = multipart.form().file("file", "big.jpg", "image/jpeg", noise).as(me)
                .post("/api/files/images/avatar");

        assertThat(response.status()).isEqualTo(413);
        assertThat(AUTH.avatarOf(tenant, me.id())).isNull();
    }

    @Test
    void whenAuthServiceCannotSetTheUrlTheStoredAvatarIsRemovedAgain() {
        Person me = user();
        AUTH.refuse(true);

        Http.Response response = multipart.form().file("file", "me.png", "image/png", TestImages.png(40, 40))
                .as(me).post("/api/files/images/avatar");

        assertThat(response.status()).isEqualTo(503);
        assertThat(http.get("/api/files", me.auth()).json()).isEmpty();
    }

    @Test
    void somethingThatIsNoImageIsNoAvatar() {
        Http.Response response = multipart.form().file("file", "me.png", "image/png", "text".getBytes()).as(user())
                .post("/api/files/images/avatar");

        assertThat(response.status()).isEqualTo(400);
    }
}
