package io.parley.auth.twofa;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrCodeTest {

    @Test
    void aQrCodeReaderReadsBackTheOtpauthUrl() throws Exception {
        String url = OtpAuthUrl.of("Parley Chat", "someone+tag@example.com", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");

        assertThat(read(QrCode.pngDataUrl(url))).isEqualTo(url);
    }

    @Test
    void theOtpauthUrlIsLibreChatsWithTheTitleWithoutSpacesAsIssuer() {
        assertThat(OtpAuthUrl.of("LibreChat", "a@example.com", "ABC"))
                .isEqualTo("otpauth://totp/LibreChat:a@example.com?secret=ABC&issuer=LibreChat");
        assertThat(OtpAuthUrl.of("Parley Chat", "a@example.com", "ABC"))
                .isEqualTo("otpauth://totp/ParleyChat:a@example.com?secret=ABC&issuer=ParleyChat");
        assertThat(OtpAuthUrl.of("A&B:C", "x+y@example.com", "ABC"))
                .as("reserved characters are encoded, so the app reads what was meant")
                .isEqualTo("otpauth://totp/A%26B%3AC:x%2By@example.com?secret=ABC&issuer=A%26B%3AC");
        assertThat(OtpAuthUrl.of("  ", "a@example.com", "ABC")).contains("issuer=LibreChat");
    }

    @Test
    void anAuthenticatorAppEnrolsFromTheUrl() {
        AuthenticatorApp app = AuthenticatorApp.enrol(OtpAuthUrl.of("Parley Chat", "a@example.com", Base32.encode(new byte[] {1, 2, 3, 4, 5})));

        assertThat(app.label).isEqualTo("ParleyChat:a@example.com");
        assertThat(app.issuer).isEqualTo("ParleyChat");
        assertThat(app.secret()).containsExactly(1, 2, 3, 4, 5);
    }

    static String read(String dataUrl) throws Exception {
        assertThat(dataUrl).startsWith("data:image/png;base64,");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(dataUrl.substring("data:image/png;base64,".length()))));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))),
                // The image is exactly a code: read its modules rather than hunt for it as in a photo.
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
