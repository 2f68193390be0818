package io.parley.file.files;

import io.parley.common.events.AccountDataEraser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** A deleted account's files: their stored bytes, then their records, in the one tenant. */
@Component
class FileAccountEraser implements AccountDataEraser {

    private static final Logger log = LoggerFactory.getLogger(FileAccountEraser.class);

    private final FileStore store;
    private final FileAccess access;

    FileAccountEraser(FileStore store, FileAccess access) {
        this.store = store;
        this.access = access;
    }

    @Override
    public void erase(String tenantId, String userId) {
        List<StoredFile> files = store.allOfUser(tenantId, userId);
        for (StoredFile file : files) {
            try {
                access.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not delete a stored file", e);
            }
        }
        log.info("File data erased tenant_id={} user_id={} files={}", tenantId, userId, files.size());
    }
}
