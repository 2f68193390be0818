package io.parley.file.files;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.file.agent.AgentsClient;
import io.parley.file.storage.FileStorage;
import io.parley.file.storage.Storages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Who may read or delete a file: its owner, in the owner's tenant; reading also whoever may VIEW an
 * agent that lists the file among its tool resources (asked of agent-service, as LibreChat's
 * {@code fileAccess.js} does). Anyone else gets 403 with LibreChat's body; an unknown id, or one of
 * another tenant, is 404.
 */
@Component
public class FileAccess {

    private static final Logger log = LoggerFactory.getLogger(FileAccess.class);

    private final FileStore store;
    private final Storages storages;
    private final AgentsClient agents;

    FileAccess(FileStore store, Storages storages, AgentsClient agents) {
        this.store = store;
        this.storages = storages;
        this.agents = agents;
    }

    /** The caller's own file, one an agent the caller may VIEW lists, or the right 404/403. */
    public StoredFile readable(CurrentUser user, String fileId) {
        StoredFile file = store.find(user.tenantId(), fileId);
        if (file == null || file.expired(java.time.Instant.now())) {
            throw new ApiException.NotFound("Not Found", "File not found");
        }
        if (!file.user().equals(user.id()) && !agents.canReadFile(fileId)) {
            throw new ApiException.Forbidden("Forbidden", "Insufficient permissions to access this file");
        }
        return file;
    }

    /**
     * The caller's own file, for changes: reading through an agent never extends to deleting.
     *
     * @throws ApiException.NotFound for an unknown or expired id, or one of another tenant
     * @throws ApiException.Forbidden LibreChat's file refusal for anyone else's file
     */
    StoredFile owned(CurrentUser user, String fileId) {
        StoredFile file = store.find(user.tenantId(), fileId);
        if (file == null || file.expired(java.time.Instant.now())) {
            throw new ApiException.NotFound("Not Found", "File not found");
        }
        if (!file.user().equals(user.id())) {
            throw new ApiException.Forbidden("Forbidden", "Insufficient permissions to access this file");
        }
        return file;
    }

    /** The readable files among {@code fileIds}, in their order; unknown, expired and others' files left out. */
    public List<StoredFile> readableAmong(CurrentUser user, List<String> fileIds) {
        java.util.Map<String, StoredFile> found = new java.util.HashMap<>();
        java.time.Instant now = java.time.Instant.now();
        for (StoredFile file : store.findAll(user.tenantId(), new LinkedHashSet<>(fileIds))) {
            found.put(file.fileId(), file);
        }
        List<StoredFile> readable = new ArrayList<>();
        for (String id : new LinkedHashSet<>(fileIds)) {
            StoredFile file = found.get(id);
            if (file != null && !file.expired(now) && (file.user().equals(user.id()) || agents.canReadFile(id))) {
                readable.add(file);
            }
        }
        return readable;
    }

    public Resource bytes(StoredFile file) throws IOException {
        FileStorage storage = storages.forSource(file.source());
        Resource resource = storage == null ? null : storage.open(file.storageKey());
        if (resource == null) {
            log.warn("File bytes missing tenant_id={} file_id={} source={}", file.tenantId(), file.fileId(), file.source());
            throw new ApiException.NotFound("Not Found", "File not found");
        }
        return resource;
    }

    /** {@code length} bytes of the file from {@code offset}, read as a range from its storage. */
    public java.io.InputStream read(StoredFile file, long offset, long length) throws IOException {
        FileStorage storage = storages.forSource(file.source());
        try {
            if (storage == null) {
                throw new java.io.FileNotFoundException(file.storageKey());
            }
            return storage.read(file.storageKey(), offset, length);
        } catch (java.io.FileNotFoundException e) {
            log.warn("File bytes missing tenant_id={} file_id={} source={}", file.tenantId(), file.fileId(), file.source());
            throw new ApiException.NotFound("Not Found", "File not found");
        }
    }

    /** A presigned URL for the file, or null when its storage has none. */
    public java.net.URI directUrl(StoredFile file) {
        FileStorage storage = storages.forSource(file.source());
        return storage == null ? null : storage.directUrl(file.storageKey(), file.filename(), file.type());
    }

    /** Ids of the named files the caller does not own (unknown ids are no one's and are skipped). */
    List<String> notOwned(CurrentUser user, Set<String> fileIds) {
        List<String> others = new ArrayList<>();
        for (StoredFile file : store.findAll(user.tenantId(), fileIds)) {
            if (!file.user().equals(user.id())) {
                others.add(file.fileId());
            }
        }
        return others;
    }

    /** Deletes the caller's own files among {@code fileIds}: bytes first, then the record. */
    int deleteOwn(CurrentUser user, Set<String> fileIds) throws IOException {
        int deleted = 0;
        for (StoredFile file : store.findAll(user.tenantId(), new LinkedHashSet<>(fileIds))) {
            if (file.user().equals(user.id())) {
                delete(file);
                deleted++;
            }
        }
        return deleted;
    }

    /** Bytes first: a record left after a failure can be deleted again; orphaned bytes could not be found. */
    public void delete(StoredFile file) throws IOException {
        FileStorage storage = storages.forSource(file.source());
        if (storage == null) {
            throw new ApiException.Unavailable("The storage '" + file.source() + "' of this file is not configured");
        }
        storage.delete(file.storageKey());
        store.delete(file.tenantId(), file.user(), file.fileId());
    }
}
