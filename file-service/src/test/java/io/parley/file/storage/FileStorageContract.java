package io.parley.file.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.core.io.ByteArrayResource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
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

    @Test
    void aLargeUploadStreamsThroughWithoutBeingHeldWhole() throws IOException {
        String key = key();
        long size = 24L * 1024 * 1024;

        assertThat(storage().put(key, () -> new PatternStream(size), size)).isEqualTo(size);

        try (InputStream in = storage().open(key).getInputStream()) {
            long read = 0;
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    assertThat(buffer[i]).isEqualTo(PatternStream.at(read + i));
                }
                read += n;
            }
            assertThat(read).isEqualTo(size);
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

    static String key() {
        return StorageKeys.of("tenant", "user", UUID.randomUUID().toString());
    }

    /** A deterministic stream of any length, made on the fly. */
    static final class PatternStream extends InputStream {
        private final long size;
        private long position;

        PatternStream(long size) {
            this.size = size;
        }

        static byte at(long position) {
            return (byte) (position * 31 % 251);
        }

        @Override
        public int read() {
            return position < size ? at(position++) & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
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
