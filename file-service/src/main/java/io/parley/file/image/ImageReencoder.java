package io.parley.file.image;

import io.parley.common.error.ApiException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Decodes an uploaded image and writes it anew in {@code imageOutputType}: only the pixels survive
 * (EXIF with GPS positions, comments, embedded scripts of polyglot files are dropped), scaled down to
 * the configured maximum. The size is read from the header first, so a decompression bomb is refused
 * before any pixel is decoded.
 */
@Component
@EnableConfigurationProperties({ImageProperties.class, ImageOutput.class})
public class ImageReencoder {

    private final ImageProperties limits;
    private final String format;

    ImageReencoder(ImageProperties limits, ImageOutput output) {
        this.limits = limits;
        this.format = switch (output.imageOutputType().toLowerCase(Locale.ROOT)) {
            case "png" -> "png";
            case "jpeg", "jpg" -> "jpeg";
            // lossy at the encoder's default quality, as LibreChat's sharp writes it
            case "webp" -> "webp";
            default -> throw new IllegalStateException("imageOutputType must be png, jpeg or webp");
        };
    }

    /** The MIME type every re-encoded image has. */
    public String outputType() {
        return "image/" + format;
    }

    /** The file extension of re-encoded images. */
    public String extension() {
        return format.equals("jpeg") ? "jpg" : format;
    }

    /**
     * @throws ApiException.Invalid when the bytes are no image this service can decode, or too large
     */
    public Reencoded reencode(InputStream content) throws IOException {
        return reencode(content, limits.maxWidth(), limits.maxHeight());
    }

    /** The same, scaled to fit {@code maxWidth} × {@code maxHeight} (avatars). */
    public Reencoded reencode(InputStream content, int maxWidth, int maxHeight) throws IOException {
        BufferedImage decoded = decode(content);
        int[] size = fit(decoded.getWidth(), decoded.getHeight(), maxWidth, maxHeight);
        boolean alpha = !format.equals("jpeg") && decoded.getColorModel().hasAlpha();
        BufferedImage target = new BufferedImage(size[0], size[1], alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (!alpha) {
                g.setColor(java.awt.Color.WHITE); // transparent pixels become white, not black, in JPEG
                g.fillRect(0, 0, size[0], size[1]);
            }
            g.drawImage(decoded, 0, 0, size[0], size[1], null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(target, format, out)) {
            throw new IllegalStateException("No ImageIO writer for " + format);
        }
        return new Reencoded(out.toByteArray(), size[0], size[1], outputType());
    }

    private BufferedImage decode(InputStream content) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(content)) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ApiException.Invalid("Unsupported image type");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > limits.maxPixels()) {
                    throw new ApiException.Invalid("The image has more than " + limits.maxPixels() + " pixels");
                }
                return reader.read(0);
            } catch (IOException | RuntimeException unreadable) {
                if (unreadable instanceof ApiException api) {
                    throw api;
                }
                throw new ApiException.Invalid("The image could not be read");
            } finally {
                reader.dispose();
            }
        }
    }

    private static int[] fit(int width, int height, int maxWidth, int maxHeight) {
        double scale = Math.min(1.0, Math.min(maxWidth / (double) width, maxHeight / (double) height));
        return new int[] {Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))};
    }

    /** The new image's bytes (in memory: bounded by the pixel limit), its size and type. */
    public record Reencoded(byte[] bytes, int width, int height, String type) {
    }
}
