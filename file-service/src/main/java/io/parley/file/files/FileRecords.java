package io.parley.file.files;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The {@code files} records as other features write and read them; the store itself stays this
 * package's. Who may read or delete a file is {@link FileAccess}'s: these calls check no owner.
 */
@Component
public class FileRecords {

    private final FileStore store;

    FileRecords(FileStore store) {
        this.store = store;
    }

    /** Records a file whose bytes are stored; the caller removes the bytes again when this throws. */
    public void add(StoredFile file) {
        store.insert(file);
    }

    /** The file with this id in the tenant, whoever owns it; null when there is none. */
    public @Nullable StoredFile find(String tenantId, String fileId) {
        return store.find(tenantId, fileId);
    }

    /** The tenant's files among {@code fileIds}, whoever owns them, in no particular order, without their text. */
    public List<StoredFile> findAll(String tenantId, Collection<String> fileIds) {
        return store.findAll(tenantId, fileIds);
    }

    /** The text of the file uploaded as text; null for another file or an unknown id. */
    public @Nullable String text(String tenantId, String fileId) {
        return store.text(tenantId, fileId);
    }

    /**
     * A message uses these files: usage grows by one, and a temporary upload no longer expires. A file
     * that expired meanwhile is not touched.
     *
     * @return how many files were updated
     */
    public long attach(String tenantId, Collection<String> fileIds, Instant now) {
        return store.attach(tenantId, fileIds, now);
    }
}
