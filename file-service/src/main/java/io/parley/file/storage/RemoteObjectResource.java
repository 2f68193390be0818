package io.parley.file.storage;

import org.springframework.core.io.AbstractResource;

/**
 * A stored object of a remote store, read on demand: its length is known from the record, so nothing
 * is asked of the store until the bytes are read (Spring serves ranges by skipping in the stream).
 */
abstract class RemoteObjectResource extends AbstractResource {

    private final long length;

    RemoteObjectResource(long length) {
        this.length = length;
    }

    @Override
    public long contentLength() {
        return length;
    }

    /** The record says it was stored; a read that finds nothing fails then. */
    @Override
    public boolean exists() {
        return true;
    }
}
