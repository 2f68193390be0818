package io.parley.file.storage;

import java.io.IOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The storage of each kind of file, decided once at start-up from {@code fileStrategy} and
 * {@code fileStrategies}, and the storage a stored file's {@code source} names (files stay where they
 * were written when the configuration changes later).
 *
 * <p>{@code local}, {@code s3}, {@code azure_blob} and {@code firebase} are built. LibreChat's
 * {@code cloudfront} (and any other name) is refused at start-up, so an installation never believes files
 * go somewhere they do not; another strategy is one more {@link FileStorage} and one more case here.
 */
@Component
@EnableConfigurationProperties({StorageProperties.class, LocalStorageProperties.class, S3Properties.class,
        AzureBlobProperties.class, FirebaseStorageProperties.class})
public class Storages {

    private final Map<FileKind, FileStorage> byKind = new EnumMap<>(FileKind.class);
    private final Map<String, FileStorage> bySource = new HashMap<>();

    Storages(StorageProperties strategies, LocalStorageProperties local, S3Properties s3, AzureBlobProperties azure,
             FirebaseStorageProperties firebase) throws IOException {
        for (FileKind kind : FileKind.values()) {
            String strategy = strategies.strategyFor(kind);
            FileStorage storage = bySource.get(strategy);
            if (storage == null) {
                storage = create(strategy, local, s3, azure, firebase);
                bySource.put(storage.source(), storage);
            }
            byKind.put(kind, storage);
        }
    }

    /** Where new files of this kind go. */
    public FileStorage forKind(FileKind kind) {
        return byKind.get(kind);
    }

    /** Where a stored file with this {@code source} lives; null when this process has no such storage. */
    public FileStorage forSource(String source) {
        return bySource.get(source);
    }

    private static FileStorage create(String strategy, LocalStorageProperties local, S3Properties s3,
                                      AzureBlobProperties azure, FirebaseStorageProperties firebase) throws IOException {
        return switch (strategy) {
            case "local" -> new LocalFileStorage(local.root());
            case "s3" -> new S3FileStorage(s3);
            case "azure_blob" -> new AzureBlobFileStorage(azure);
            case "firebase" -> new FirebaseFileStorage(firebase);
            default -> throw new IllegalStateException("fileStrategy '" + strategy + "' is not available in this build of "
                    + "file-service (only 'local', 's3', 'azure_blob' and 'firebase' are)");
        };
    }
}
