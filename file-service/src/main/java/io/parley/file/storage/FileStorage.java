package io.parley.file.storage;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.Resource;

/**
 * Where a file's bytes live, under a key file-service generates (never a name a client chose). One
 * implementation per LibreChat {@code fileStrategy}; {@link Storages} picks one per kind of file.
 */
public interface FileStorage {

    /** The {@code source} LibreChat's file document names for files kept here ({@code local}, {@code s3}, …). */
    String source();

    /**
     * Streams {@code content} to {@code key}; nothing is visible under the key until all of it arrived,
     * and nothing is left behind when it fails.
     *
     * @return the number of bytes stored
     */
    long put(String key, InputStream content) throws IOException;

    /** The stored bytes, as a resource that can be read in ranges; null when nothing is stored under the key. */
    Resource open(String key) throws IOException;

    /** Removes the key; removing what is not there is no error. */
    void delete(String key) throws IOException;
}
