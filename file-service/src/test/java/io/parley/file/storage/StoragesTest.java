package io.parley.file.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which strategies start: the built ones, and a clear refusal of any other name. */
class StoragesTest {

    @TempDir
    Path root;

    @Test
    void cloudfrontIsRefusedAtStartUpNamingTheStrategiesThatExist() {
        assertThatThrownBy(() -> storages(Map.of("image", "cloudfront"), ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'cloudfront' is not available")
                .hasMessageContaining("'local', 's3', 'azure_blob' and 'firebase'");
    }

    @Test
    void firebaseWithoutItsBucketIsRefusedAtStartUp() {
        assertThatThrownBy(() -> storages(Map.of("document", "firebase"), ""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FIREBASE_STORAGE_BUCKET");
    }

    @Test
    void eachKindGetsItsStrategyAndOneStorageServesEveryKindNamingIt() throws IOException {
        Storages storages = storages(Map.of("avatar", "firebase", "image", "firebase"), "parley-files");

        assertThat(storages.forKind(FileKind.AVATAR).source()).isEqualTo("firebase");
        assertThat(storages.forKind(FileKind.IMAGE)).isSameAs(storages.forKind(FileKind.AVATAR));
        assertThat(storages.forKind(FileKind.DOCUMENT).source()).isEqualTo("local");
        assertThat(storages.forSource("firebase")).isSameAs(storages.forKind(FileKind.IMAGE));
        assertThat(storages.forSource("s3")).isNull();
    }

    /** Nothing here reaches a store: the firebase storage points at a closed loopback port and is not used. */
    private Storages storages(Map<String, String> strategies, String firebaseBucket) throws IOException {
        return new Storages(new StorageProperties("local", strategies), new LocalStorageProperties(root),
                new S3Properties("", "us-east-1", "", "", "", false, Duration.ofMinutes(2)),
                new AzureBlobProperties("", "files", Duration.ofMinutes(2)),
                new FirebaseStorageProperties("demo-parley", firebaseBucket, "", "127.0.0.1:9", Duration.ofMinutes(2)));
    }
}
