package io.parley.migrate;

/**
 * One of LibreChat's remote file strategies, set up from LibreChat's own variables: finds the object a
 * {@code files} document's {@code filepath} (the URL LibreChat wrote) points at, in the bucket or container it
 * was configured with and nowhere else. The URL is never fetched: only its bucket and key are read from it, and a
 * URL of another host or bucket is refused, so a document cannot send the command elsewhere.
 */
interface ObjectStore extends AutoCloseable {

    /** The object's bytes, or the reason they are not read (a URL of another bucket, say). */
    FileBytes.Found locate(String filepath);

    @Override
    default void close() {
    }
}
