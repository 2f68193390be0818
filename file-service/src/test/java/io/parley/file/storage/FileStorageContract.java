package io.parley.file.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.core.io.ByteArrayResource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;

/** What every file strategy must do; each strategy's test runs it against a real store. */
abstract class FileStorageContract {

    /** The storage under test (a fresh or shared one; keys are unique per test). */
    abstract FileStorage storage() throws IOException;

    @Test
    void storedBytesReadBackWithTheirLength() throws IOException {
        String key = key();
        byte[] content = "hello, storage".getBytes(StandardCharsets.UTF_8);

        long stored = storage().put(key, new ByteArrayResource(content), content.length);

        assertThat(stored).isEqualTo(content.length);
        Resource resource = storage().open(key);
        assertThat(resource).isNotNull();
        assertThat(resource.contentLength()).isEqualTo(content.length);
        try (InputStream in = resource.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    /**
     * The bytes the store has received so far, over all keys (a running total; a test compares two
     * readings). Counted where the store takes them: its files, or the wire in front of it.
     */
    abstract long bytesReceived() throws IOException;

    @Test
    void aLargeUploadReachesTheStoreWhileItIsStillBeingReadAndReadsBackIdentical() throws Exception {
        String key = key();
        long size = 128L * 1024 * 1024;
        long before = bytesReceived();
        List<WatchedStream> opened = new CopyOnWriteArrayList<>();

        long stored = storage().put(key, () -> {
            WatchedStream stream = new WatchedStream(size, position -> position - (bytesReceived() - before));
            opened.add(stream);
            return stream;
        }, size);

        assertThat(stored).isEqualTo(size);
        // the source may be opened more than once (a retry, a checksum pass); the one whose bytes went to
        // the store must have been read in step with their arrival there, not gathered whole first
        assertThat(opened)
                .as("each opening of the upload: bytes read, and at most how far ahead of the store (a strategy "
                        + "holding the whole body first is %d MB ahead)", size >> 20)
                .anySatisfy(stream -> {
                    assertThat(stream.position()).isEqualTo(size);
                    assertThat(stream.furthestAhead()).isLessThan(STREAMING_WINDOW);
                });
        try (InputStream in = storage().open(key).getInputStream()) {
            assertThat(sha256(in)).isEqualTo(sha256(new PatternStream(size)));
        }
    }

    @Test
    void aRangeReadsExactlyThoseBytesFromTheMiddleOfALargeObject() throws IOException {
        String key = key();
        long size = 8L * 1024 * 1024;
        storage().put(key, () -> new PatternStream(size), size);
        long offset = 6L * 1024 * 1024 + 7;

        byte[] range;
        try (InputStream in = storage().read(key, offset, 1000)) {
            range = in.readAllBytes();
        }

        assertThat(range).hasSize(1000);
        for (int i = 0; i < range.length; i++) {
            assertThat(range[i]).isEqualTo(PatternStream.at(offset + i));
        }
    }

    @Test
    void theLastByteIsARangeOfItsOwn() throws IOException {
        String key = key();
        storage().put(key, new ByteArrayResource(new byte[] {1, 2, 3}), 3);

        try (InputStream in = storage().read(key, 2, 1)) {
            assertThat(in.readAllBytes()).containsExactly(3);
        }
    }

    @Test
    void aRangeOfAKeyWithNothingStoredIsFileNotFound() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> storage().read(key(), 0, 1).close())
                .isInstanceOf(java.io.FileNotFoundException.class);
    }

    @Test
    void aKeyWithNothingStoredOpensAsNull() throws IOException {
        assertThat(storage().open(key())).isNull();
    }

    @Test
    void deleteRemovesTheBytesAndDeletingAgainIsNoError() throws IOException {
        String key = key();
        storage().put(key, new ByteArrayResource(new byte[] {1, 2, 3}), 3);

        storage().delete(key);
        storage().delete(key);

        assertThat(storage().open(key)).isNull();
    }

    @Test
    void keysOfDifferentPeopleNeverMeet() throws IOException {
        String file = UUID.randomUUID().toString();
        String mine = StorageKeys.of("t1", "alice", file);
        String theirs = StorageKeys.of("t1", "bob", file);
        storage().put(mine, new ByteArrayResource(new byte[] {1}), 1);
        storage().put(theirs, new ByteArrayResource(new byte[] {2}), 1);

        try (InputStream in = storage().open(mine).getInputStream()) {
            assertThat(in.readAllBytes()).containsExactly(1);
        }
    }

    /**
     * How far an upload may read ahead of what the store has received: the transport's buffers (socket
     * buffers, a client's chunk, a few blocks in flight), a quarter of the 128 MB payload. A strategy
     * streaming in blocks stays well within it whatever the size; one holding the body whole does not.
     */
    static final long STREAMING_WINDOW = 32L * 1024 * 1024;

    private static byte[] sha256(InputStream in) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }

    /** How far a reader is ahead of the store, given how many bytes it has read. */
    interface Lead {
        long at(long position) throws IOException;
    }

    /**
     * A {@link PatternStream} that, every {@link #EVERY} bytes read and at its end, notes how far its
     * reader has got ahead of the store.
     */
    static final class WatchedStream extends PatternStream {
        static final long EVERY = 1024 * 1024;
        private final Lead lead;
        private volatile long furthestAhead = Long.MIN_VALUE;
        private long next = EVERY;

        WatchedStream(long size, Lead lead) {
            super(size);
            this.lead = lead;
        }

        /** The largest lead noted, or {@link Long#MIN_VALUE} when nothing was read yet. */
        long furthestAhead() {
            return furthestAhead;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            watch(b < 0);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            watch(n < 0);
            return n;
        }

        private void watch(boolean ended) throws IOException {
            if (ended || position() >= next) {
                furthestAhead = Math.max(furthestAhead, lead.at(position()));
                next = position() + EVERY;
            }
        }

        @Override
        public String toString() {
            return "read " + position() + " bytes, at most " + furthestAhead + " ahead of the store";
        }
    }

    static String key() {
        return StorageKeys.of("tenant", "user", UUID.randomUUID().toString());
    }

    /** A deterministic stream of any length, made on the fly. */
    static class PatternStream extends InputStream {
        private final long size;
        private long position;

        PatternStream(long size) {
            this.size = size;
        }

        /** The number of bytes read so far. */
        final long position() {
            return position;
        }

        static byte at(long position) {
            return (byte) (position * 31 % 251);
        }

        @Override
        public int read() throws IOException {
            return position < size ? at(position++) & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = at(position++);
            }
            return n;
        }
    }
}
