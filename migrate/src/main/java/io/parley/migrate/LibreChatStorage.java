package io.parley.migrate;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * LibreChat's remote file storage, as its own environment variables set it up ({@code AWS_*}, {@code AZURE_*},
 * {@code FIREBASE_*}): each store whose variables are given, the others absent. Set up before anything is read,
 * so a wrong setting stops the run at once rather than skipping every file.
 */
final class LibreChatStorage implements AutoCloseable {

    private final @Nullable S3Store s3;
    private final @Nullable AzureBlobStore azure;
    private final @Nullable FirebaseStore firebase;

    private LibreChatStorage(@Nullable S3Store s3, @Nullable AzureBlobStore azure, @Nullable FirebaseStore firebase) {
        this.s3 = s3;
        this.azure = azure;
        this.firebase = firebase;
    }

    /** @throws MigrationStopped when a store's variables are set but wrong */
    static LibreChatStorage from(Map<String, String> env) {
        return new LibreChatStorage(S3Store.from(env), AzureBlobStore.from(env), FirebaseStore.from(env));
    }

    Optional<S3Store> s3() {
        return Optional.ofNullable(s3);
    }

    Optional<AzureBlobStore> azure() {
        return Optional.ofNullable(azure);
    }

    Optional<FirebaseStore> firebase() {
        return Optional.ofNullable(firebase);
    }

    @Override
    public void close() {
        for (ObjectStore store : new ObjectStore[] {s3, azure, firebase}) {
            if (store != null) {
                store.close();
            }
        }
    }
}
