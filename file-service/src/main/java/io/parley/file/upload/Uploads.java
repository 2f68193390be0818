package io.parley.file.upload;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.file.agent.AgentsClient;
import io.parley.file.files.FileAccess;
import io.parley.file.files.FileRecords;
import io.parley.file.files.StoredFile;
import io.parley.file.files.TemporaryUploads;
import io.parley.file.image.ImageReencoder;
import io.parley.file.limits.FileLimits;
import io.parley.file.scan.VirusScan;
import io.parley.file.storage.FileKind;
import io.parley.file.storage.FileStorage;
import io.parley.file.storage.StorageKeys;
import io.parley.file.storage.Storages;
import io.parley.file.text.TextExtraction;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Takes an upload from the multipart part (Tomcat has already spooled it to a temporary file, so a
 * large file is never held in memory) to storage and a record: checks the form and the
 * {@code fileConfig} limits, detects the type from the content, has it scanned (when a scanner is
 * configured), reads a document's text when it is uploaded as text, re-encodes images, stores the bytes
 * under a generated key and records the file. Nothing is stored when a check fails, and the bytes are
 * removed again when the record cannot be written.
 */
@Component
public class Uploads {

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);
    private static final Pattern UUID_SHAPE =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", Pattern.CASE_INSENSITIVE);
    /** Types ImageIO decodes (WebP through libwebp); other images (svg, heic) are kept as documents, never re-encoded. */
    private static final Set<String> DECODABLE_IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/bmp",
            "image/webp");

    private final FileLimits limits;
    private final ContentTypes contentTypes;
    private final ImageReencoder images;
    private final Storages storages;
    private final FileRecords records;
    private final VirusScan virusScan;
    private final AgentsClient agents;
    private final FileAccess access;
    private final TemporaryUploads temporaryUploads;
    private final TextExtraction textExtraction;

    Uploads(FileLimits limits, ContentTypes contentTypes, ImageReencoder images, Storages storages, FileRecords records,
            VirusScan virusScan, AgentsClient agents, FileAccess access, TemporaryUploads temporaryUploads,
            TextExtraction textExtraction) {
        this.temporaryUploads = temporaryUploads;
        this.textExtraction = textExtraction;
        this.virusScan = virusScan;
        this.agents = agents;
        this.access = access;
        this.limits = limits;
        this.contentTypes = contentTypes;
        this.images = images;
        this.storages = storages;
        this.records = records;
    }

    /** How a route treats what it receives. */
    enum Route {
        /** LibreChat's {@code POST /api/files}: documents; decodable images are re-encoded too. */
        FILES,
        /** {@code POST /api/files/images}: only images, always re-encoded. */
        IMAGES
    }

    /** Checks that apply to a whole request before any file is stored (seed's multi-file upload). */
    void checkBatch(UploadForm form, List<MultipartFile> files) {
        FileLimits.Rules rules = rules(form);
        if (files.size() > rules.fileLimit()) {
            throw new ApiException.Invalid("File limit of " + rules.fileLimit() + " files exceeded for " + rules.endpoint()
                    + " endpoint");
        }
        files.forEach(file -> Filenames.sanitize(file.getOriginalFilename()));
        long total = files.stream().mapToLong(MultipartFile::getSize).sum();
        if (total > rules.totalSizeLimit()) {
            throw new ApiException.TooLarge("Total size limit of " + FileLimits.megabytes(rules.totalSizeLimitMb())
                    + " MB exceeded for " + rules.endpoint() + " endpoint");
        }
    }

    /**
     * A chat attachment another service sends (gRPC {@code StoreFile}): a new client id, the endpoint's
     * limits, and otherwise as {@code POST /api/files} with {@code message_file} takes it.
     */
    public StoredFile attachment(CurrentUser user, String endpoint, MultipartFile file) throws IOException {
        return upload(user, new UploadForm(UUID.randomUUID().toString(), endpoint, null, null, "true"), file, Route.FILES);
    }

    StoredFile upload(CurrentUser user, UploadForm form, MultipartFile file, Route route) throws IOException {
        FileLimits.Rules rules = rules(form);
        if (form.addsToAgent()) {
            // before the file is looked at: whoever may not edit the agent gets its 403/404, nothing stored
            agents.requireEditable(form.agentId());
        }
        if (file == null) {
            throw ApiException.Invalid.field("file", "No file uploaded");
        }
        if (file.isEmpty()) {
            throw new ApiException.Invalid("Empty file uploaded");
        }
        if (file.getSize() > limits.serverFileSizeLimit()) {
            throw new ApiException.TooLarge("File size limit of " + limits.serverFileSizeLimitMb()
                    + " MB exceeded for the server");
        }
        if (file.getSize() > rules.fileSizeLimit()) {
            throw rules.tooLarge();
        }
        String filename = Filenames.sanitize(file.getOriginalFilename());
        String type = allowedType(rules, file, filename);
        virusScan.check(file);
        // "Upload as Text": the document's text, read before anything is stored (none: 400, nothing stored);
        // the document itself is kept as it came (an image has no text: refused)
        TextExtraction.Extracted text = route == Route.FILES && form.asText() ? text(file, filename, type) : null;
        boolean image = text == null && DECODABLE_IMAGES.contains(type);
        if (route == Route.IMAGES && !image) {
            throw new ApiException.Invalid("Unsupported file type");
        }
        if (image && "file_search".equals(form.toolResource())) {
            throw new ApiException.Invalid("Image uploads are not supported for file search tool resources");
        }
        String fileId = UUID.randomUUID().toString();
        String key = StorageKeys.of(user.tenantId(), user.id(), fileId);
        FileStorage storage = storages.forKind(image ? FileKind.IMAGE : FileKind.DOCUMENT);
        long bytes;
        Integer width = null;
        Integer height = null;
        if (image) {
            ImageReencoder.Reencoded reencoded;
            try (InputStream in = file.getInputStream()) {
                reencoded = images.reencode(in);
            }
            bytes = storage.put(key, new ByteArrayResource(reencoded.bytes()), reencoded.bytes().length);
            type = reencoded.type();
            width = reencoded.width();
            height = reencoded.height();
            filename = withExtension(filename, images.extension());
        } else {
            bytes = storage.put(key, file, file.getSize());
        }
        Instant now = Instant.now();
        String filepath = image ? "/images/" + user.id() + "/" + fileId + "." + images.extension()
                : "/uploads/" + user.id() + "/" + fileId;
        // a chat attachment is temporary until a message uses it (LibreChat's expiresAt); agents' files are kept
        Instant expiresAt = form.temporary() ? now.plus(temporaryUploads.ttl()) : null;
        StoredFile stored = new StoredFile(new ObjectId(), user.tenantId(), user.id(), fileId, form.fileId(), bytes,
                filename, filepath, key, type, context(form, route), storage.source(), width, height, 0, expiresAt, now, now,
                text == null ? null : text.text(), text == null ? 0 : text.text().length());
        try {
            records.add(stored);
        } catch (RuntimeException e) {
            storage.delete(key);
            throw e;
        }
        if (form.addsToAgent()) {
            // LibreChat adds a file uploaded for an agent to its tool resource; without EDIT on the agent
            // the upload is refused and nothing of it stays.
            try {
                agents.addResourceFile(form.agentId(), form.toolResource(), fileId);
            } catch (RuntimeException e) {
                access.delete(stored);
                throw e;
            }
        }
        log.info("File stored tenant_id={} user_id={} file_id={} bytes={} type={}", user.tenantId(), user.id(), fileId,
                bytes, type);
        return stored;
    }

    private TextExtraction.Extracted text(MultipartFile file, String filename, String type) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return textExtraction.extract(in, file.getSize(), filename, type);
        }
    }

    private FileLimits.Rules rules(UploadForm form) {
        if (form.fileId() == null || form.fileId().isBlank()) {
            throw ApiException.Invalid.field("file_id", "No file_id provided");
        }
        if (!UUID_SHAPE.matcher(form.fileId()).matches()) {
            throw ApiException.Invalid.field("file_id", "Invalid file_id: must be a UUID");
        }
        if (form.endpoint() == null || form.endpoint().isBlank()) {
            throw ApiException.Invalid.field("endpoint", "No endpoint provided");
        }
        FileLimits.Rules rules = limits.forEndpoint(form.endpoint());
        if (rules.disabled()) {
            throw new ApiException.Forbidden("File uploads are disabled for the " + rules.endpoint() + " endpoint");
        }
        return rules;
    }

    private String allowedType(FileLimits.Rules rules, MultipartFile file, String filename) throws IOException {
        Set<String> candidates;
        try (InputStream in = file.getInputStream()) {
            candidates = contentTypes.candidates(in, filename, file.getContentType());
        }
        return candidates.stream().filter(rules::allows).findFirst()
                .orElseThrow(() -> new ApiException.Invalid("Unsupported file type"));
    }

    private static String context(UploadForm form, Route route) {
        if (route == Route.FILES && form.forAgent() && !form.messageAttachment()) {
            return "agents";
        }
        return "message_attachment";
    }

    private static String withExtension(String filename, String extension) {
        int dot = filename.lastIndexOf('.');
        String base = dot > 0 ? filename.substring(0, dot) : filename;
        return base + "." + extension;
    }
}
