package io.parley.file.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.springframework.core.io.ByteArrayResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStorageTest extends FileStorageContract {

    @TempDir
    Path root;

    @Override
    FileStorage storage() throws IOException {
        return new LocalFileStorage(root);
    }

    @Override
    long bytesReceived() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    @Test
    void aKeyThatWouldLeaveTheDataDirectoryIsRefused() {
        assertThatThrownBy(() -> storage().put("../outside", new ByteArrayResource(new byte[] {1}), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StorageKeys.of("t", "..", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StorageKeys.of("t", "u", "a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
