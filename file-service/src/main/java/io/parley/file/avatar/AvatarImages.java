package io.parley.file.avatar;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.file.files.FileRecords;
import io.parley.file.files.StoredFile;
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
import java.util.UUID;
import org.bson.types.ObjectId;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * A person's or an agent's picture: at most {@code avatarSizeLimit}, scanned, re-encoded to fit
 * {@value #SIZE}×{@value #SIZE}, stored in the avatar strategy and recorded with context {@code avatar}.
 * Setting it on someone is the caller's part.
 */
@Component
public class AvatarImages {

    static final int SIZE = 250;

    private final FileLimits limits;
    private final ImageReencoder images;
    private final Storages storages;
    private final FileRecords records;
    private final VirusScan virusScan;

    AvatarImages(FileLimits limits, ImageReencoder images, Storages storages, FileRecords records, VirusScan virusScan) {
        this.limits = limits;
        this.images = images;
        this.storages = storages;
        this.records = records;
        this.virusScan = virusScan;
    }

    /** Checks, re-encodes, stores and records an avatar image of {@code user}. */
    public StoredFile store(CurrentUser user, MultipartFile file) throws IOException {
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
            records.add(stored);
        } catch (RuntimeException e) {
            storage.delete(key);
            throw e;
        }
        return stored;
    }
}
