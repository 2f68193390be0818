package io.parley.file.image;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** librechat.yaml's {@code imageOutputType}: {@code png} (default), {@code jpeg}/{@code jpg} or {@code webp}. */
@ConfigurationProperties("librechat")
record ImageOutput(@DefaultValue("png") String imageOutputType) {
}
