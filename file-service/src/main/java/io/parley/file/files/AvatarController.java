package io.parley.file.files;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.file.image.ImageReencoder;
import io.parley.file.limits.FileLimits;
import io.parley.file.scan.VirusScan;
import io.parley.file.storage.FileKind;
import io.parley.file.storage.FileStorage;
import io.parley.file.storage.StorageKeys;
import io.parley.file.storage.Storages;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * LibreChat's {@code POST /api/files/images/avatar} (and the seed's {@code POST /api/user/avatar}, which the
 * gateway sends here): the image (at most {@code avatarSizeLimit}) is
 * re-encoded to fit {@value #SIZE}×{@value #SIZE}, stored in the avatar strategy, recorded with context
 * {@code avatar}, and its URL set on the person in auth-service. When auth-service refuses, the stored
 * avatar is removed again, so nothing is left that no one points at. The previous avatar stays a file
 * of the person (listed, deletable).
 */
@RestController
class AvatarController {

    static final int SIZE = 250;

    private final FileLimits limits;
    private final ImageReencoder images;
    private final Storages storages;
    private final FileStore store;
    private final FileAccess access;
    private final UserAvatars avatars;
    private final AgentsClient agents;
    private final VirusScan virusScan;

    AvatarController(FileLimits limits, ImageReencoder images, Storages storages, FileStore store, FileAccess access,
                     UserAvatars avatars, AgentsClient agents, VirusScan virusScan) {
        this.agents = agents;
        this.virusScan = virusScan;
        this.limits = limits;
        this.images = images;
        this.storages = storages;
        this.store = store;
        this.access = access;
        this.avatars = avatars;
    }

    @PostMapping(path = {"/api/files/images/avatar", "/api/user/avatar"}, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Map<String, String> upload(CurrentUser user, @RequestParam(required = false) MultipartFile file) throws IOException {
        StoredFile stored = store(user, file);
        try {
            avatars.set(stored.filepath());
        } catch (RuntimeException e) {
            access.delete(stored);
            throw e;
        }
        return Map.of("url", stored.filepath());
    }

    /**
     * LibreChat's {@code POST /api/files/images/agents/:agent_id/avatar}: the same image handling, then
     * agent-service sets it on the agent if the caller may EDIT it (else the image is removed again) and
     * the answer is the agent, 201.
     */
    @PostMapping(path = "/api/files/images/agents/{agentId}/avatar", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<String> uploadForAgent(CurrentUser user, @PathVariable String agentId,
                                          @RequestParam(required = false) MultipartFile file) throws IOException {
        StoredFile stored = store(user, file);
        try {
            String agent = agents.setAvatar(agentId, stored.filepath(), stored.source());
            return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(agent);
        } catch (RuntimeException e) {
            access.delete(stored);
            throw e;
        }
    }

    /** Checks, re-encodes, stores and records an avatar image of {@code user}. */
    private StoredFile store(CurrentUser user, MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw ApiException.Invalid.field("file", "No file uploaded");
        }
        if (file.getSize() > limits.avatarSizeLimit()) {
            throw new ApiException.TooLarge("File size limit of " + limits.avatarSizeLimitMb() + " MB exceeded for avatars");
        }
        virusScan.check(file);
        ImageReencoder.Reencoded avatar;
        try (InputStream in = file.getInputStream()) {
            avatar = images.reencode(in, SIZE, SIZE);
        }
        String fileId = UUID.randomUUID().toString();
        String key = StorageKeys.of(user.tenantId(), user.id(), fileId);
        FileStorage storage = storages.forKind(FileKind.AVATAR);
        long bytes = storage.put(key, new ByteArrayResource(avatar.bytes()), avatar.bytes().length);
        String url = "/images/" + user.id() + "/" + fileId + "." + images.extension();
        Instant now = Instant.now();
        StoredFile stored = new StoredFile(new ObjectId(), user.tenantId(), user.id(), fileId, null, bytes,
                "avatar." + images.extension(), url, key, avatar.type(), "avatar", storage.source(), avatar.width(),
                avatar.height(), 0, null, now, now);
        try {
            store.insert(stored);
        } catch (RuntimeException e) {
            storage.delete(key);
            throw e;
        }
        return stored;
    }
}
