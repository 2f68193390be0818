package io.parley.file.storage;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param root the data directory of the {@code local} strategy ({@code FILE_DATA_DIR}) */
@Validated
@ConfigurationProperties("parley.file.local")
record LocalStorageProperties(@DefaultValue("data/file-service/files") @NotNull Path root) {
}
