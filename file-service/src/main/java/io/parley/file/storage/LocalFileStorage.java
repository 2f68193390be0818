package io.parley.file.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamSource;
import org.springframework.core.io.Resource;

/**
 * LibreChat's {@code local} strategy: files in a data directory, one file per key. Writes go to a
 * temporary file beside the target and are moved into place when complete.
 */
final class LocalFileStorage implements FileStorage {

    private final Path root;

    LocalFileStorage(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
    }

    @Override
    public String source() {
        return "local";
    }

    @Override
    public long put(String key, InputStreamSource content, long length) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), ".upload-", ".part");
        try {
            long written;
            try (InputStream in = content.getInputStream(); OutputStream out = Files.newOutputStream(partial)) {
                written = in.transferTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public Resource open(String key) {
        Path file = resolve(key);
        return Files.isRegularFile(file) ? new FileSystemResource(file) : null;
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    /** Keys are made by {@link StorageKeys}; this check is the second line of defence. */
    private Path resolve(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("Storage key escapes the data directory");
        }
        return file;
    }
}
