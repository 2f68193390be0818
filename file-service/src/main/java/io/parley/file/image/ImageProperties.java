package io.parley.file.image;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxWidth  images wider than this are scaled down (aspect ratio kept)
 * @param maxHeight images taller than this are scaled down
 * @param maxPixels images of more pixels are refused before decoding (decompression bombs)
 */
@Validated
@ConfigurationProperties("parley.file.images")
record ImageProperties(@DefaultValue("2048") @Min(16) int maxWidth, @DefaultValue("2048") @Min(16) int maxHeight,
                       @DefaultValue("50000000") @Min(1) long maxPixels) {
}
