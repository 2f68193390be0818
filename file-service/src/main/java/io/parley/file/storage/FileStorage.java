package io.parley.file.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.springframework.core.io.InputStreamSource;
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
     * @param content a source that can be opened again (a retried request reads it anew): the upload's
     *                spooled part, or the re-encoded image's bytes
     * @param length  the number of bytes {@code content} holds (object stores need it up front)
     * @return the number of bytes stored
     */
    long put(String key, InputStreamSource content, long length) throws IOException;

    /** The stored bytes, as a resource that can be read in ranges; null when nothing is stored under the key. */
    Resource open(String key) throws IOException;

    /**
     * {@code length} bytes from {@code offset}, read from the store as a range: a download of the end of
     * a large object does not pass its beginning through this service.
     *
     * @throws java.io.FileNotFoundException when nothing is stored under the key
     */
    default InputStream read(String key, long offset, long length) throws IOException {
        Resource resource = open(key);
        if (resource == null) {
            throw new java.io.FileNotFoundException(key);
        }
        InputStream in = resource.getInputStream();
        try {
            in.skipNBytes(offset);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return com.google.common.io.ByteStreams.limit(in, length);
    }

    /** Removes the key; removing what is not there is no error. */
    void delete(String key) throws IOException;

    /**
     * A time-limited URL a client can fetch the bytes from directly ({@code ?direct=true}), or null when
     * this storage has none (local files go through the service).
     *
     * @param filename the name the download should carry
     */
    default URI directUrl(String key, String filename, String contentType) {
        return null;
    }
}
