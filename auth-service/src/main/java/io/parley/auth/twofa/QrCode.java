package io.parley.auth.twofa;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A QR code of a text as a PNG {@code data:} URL, for a page to show as it is (the seed's "Generate 2FA
 * QR code"). Meant for ASCII text such as an otpauth URL (no character set designator is written, which
 * some scanner apps mishandle).
 */
final class QrCode {

    /** Pixels per module: about 250 px for an otpauth URL, enough for a phone camera on any screen. */
    private static final int SCALE = 6;
    /** The quiet zone the QR specification asks for, in modules. */
    private static final int MARGIN = 4;

    private QrCode() {
    }

    static String pngDataUrl(String text) {
        BitMatrix modules;
        try {
            modules = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, MARGIN));
        } catch (WriterException e) {
            throw new IllegalStateException("The text does not fit a QR code", e);
        }
        int width = modules.getWidth() * SCALE;
        int height = modules.getHeight() * SCALE;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, modules.get(x / SCALE, y / SCALE) ? 0xff000000 : 0xffffffff);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }
}
