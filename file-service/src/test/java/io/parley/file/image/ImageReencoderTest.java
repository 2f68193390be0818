package io.parley.file.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** {@code imageOutputType} per format: what the re-encoded bytes are, read back by a decoder. */
class ImageReencoderTest {

    private static final ImageProperties LIMITS = new ImageProperties(64, 64, 50_000_000);

    @Test
    void webpOutputIsARiffWebpFileOfTheScaledSizeThatDecodesToTheSamePicture() throws IOException {
        ImageReencoder webp = new ImageReencoder(LIMITS, new ImageOutput("webp"));

        ImageReencoder.Reencoded out = webp.reencode(new ByteArrayInputStream(picture("png", 128, 96)));

        assertThat(out.type()).isEqualTo("image/webp");
        assertThat(webp.extension()).isEqualTo("webp");
        assertThat(new String(Arrays.copyOfRange(out.bytes(), 0, 4), StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(Arrays.copyOfRange(out.bytes(), 8, 12), StandardCharsets.US_ASCII)).isEqualTo("WEBP");
        assertThat(out.width()).isEqualTo(64);
        assertThat(out.height()).isEqualTo(48);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(out.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(64);
        Color left = new Color(decoded.getRGB(8, 24));
        Color right = new Color(decoded.getRGB(56, 24));
        assertThat(left.getRed()).as("the left half stays red").isGreaterThan(200);
        assertThat(right.getBlue()).as("the right half stays blue").isGreaterThan(200);
    }

    @Test
    void aWebpUploadIsDecodedAndWrittenAsTheConfiguredType() throws IOException {
        byte[] webpPicture = new ImageReencoder(LIMITS, new ImageOutput("webp"))
                .reencode(new ByteArrayInputStream(picture("png", 32, 32))).bytes();

        ImageReencoder.Reencoded png = new ImageReencoder(LIMITS, new ImageOutput("png"))
                .reencode(new ByteArrayInputStream(webpPicture));

        assertThat(png.type()).isEqualTo("image/png");
        assertThat(ImageIO.read(new ByteArrayInputStream(png.bytes())).getWidth()).isEqualTo(32);
    }

    @Test
    void jpegIsTheSameAsJpgAndAnUnknownTypeIsRefusedAtStart() {
        assertThat(new ImageReencoder(LIMITS, new ImageOutput("JPG")).outputType()).isEqualTo("image/jpeg");
        assertThatThrownBy(() -> new ImageReencoder(LIMITS, new ImageOutput("tiff")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("png, jpeg or webp");
    }

    /** Red on the left half, blue on the right. */
    private static byte[] picture(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
