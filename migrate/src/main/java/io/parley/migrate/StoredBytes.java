package io.parley.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file's bytes where LibreChat keeps them, opened only when they are sent (a dry run never reads them) and read
 * as a stream, so a large file is never held in memory.
 */
@FunctionalInterface
interface StoredBytes {

    /** The bytes, from their start, and how many there are. Closing it closes the stream. */
    record Opened(long length, InputStream in) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** @throws IOException when they cannot be read: the file is then skipped with the message as its reason */
    Opened open() throws IOException;

    /** A file in a local folder. */
    static StoredBytes of(Path path) {
        return () -> new Opened(Files.size(path), Files.newInputStream(path));
    }
}
