package io.parley.file.upload;

import static io.parley.common.imports.SourceFields.createdAt;
import static io.parley.common.imports.SourceFields.instant;
import static io.parley.common.imports.SourceFields.number;
import static io.parley.common.imports.SourceFields.objectId;
import static io.parley.common.imports.SourceFields.requiredHexId;
import static io.parley.common.imports.SourceFields.requiredText;
import static io.parley.common.imports.SourceFields.text;
import static io.parley.common.imports.SourceFields.updatedAt;

import io.parley.common.error.ApiException;
import io.parley.common.imports.ImportBatch;
import io.parley.common.imports.ImportSkipped;
import io.parley.common.imports.ImportedFiles;
import io.parley.common.imports.LibreChatFileImporter;
import io.parley.file.files.FileRecords;
import io.parley.file.files.StoredFile;
import io.parley.file.storage.FileKind;
import io.parley.file.storage.FileStorage;
import io.parley.file.storage.StorageKeys;
import io.parley.file.storage.Storages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.FileSystemResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code files} with their bytes: the record keeps its {@code _id}, {@code file_id}, owner, name, type,
 * context, usage and text ("Upload as Text"), the bytes go into the storage file-service's strategy names for the
 * kind of file, under Parley's key, and the path becomes Parley's ({@link ImportedFiles}), which imported messages
 * name too. Bytes are stored as they are: images are not re-encoded. The record is written only after the bytes;
 * when it cannot be, the bytes go again. A temporary upload (one LibreChat lets expire) is skipped.
 */
@Component
class LibreChatFileImport implements LibreChatFileImporter {

    private static final Logger log = LoggerFactory.getLogger(LibreChatFileImport.class);
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final FileRecords records;
    private final Storages storages;

    LibreChatFileImport(FileRecords records, Storages storages) {
        this.records = records;
        this.storages = storages;
    }

    /** What one LibreChat file becomes, before its bytes are looked at. */
    private record Mapped(String sourceId, String user, String fileId, String filename, String libreChatPath,
                          @Nullable String type, @Nullable Integer width, @Nullable Integer height, Document source) {
    }

    @Override
    public ImportBatch.Outcome importFile(String tenantId, Document source, @Nullable Path bytes, boolean dryRun)
            throws IOException {
        String sourceId = ImportBatch.sourceId(source, 0);
        Mapped file;
        try {
            file = map(sourceId, source);
        } catch (ImportSkipped e) {
            return skipped(sourceId, e.getMessage());
        }
        if (records.find(tenantId, file.fileId()) != null) {
            return new ImportBatch.Outcome(0, 1, List.of(), List.of());
        }
        if (dryRun) {
            return new ImportBatch.Outcome(1, 0, List.of(), List.of());
        }
        if (bytes == null) {
            return skipped(sourceId, "its bytes did not arrive");
        }
        return store(tenantId, file, bytes);
    }

    private Mapped map(String sourceId, Document source) {
        if (instant(source, "expiresAt") != null) {
            throw new ImportSkipped("a temporary upload no message used, which LibreChat lets expire");
        }
        String fileId = requiredText(source, "file_id");
        if (!SEGMENT.matcher(fileId).matches()) {
            throw new ImportSkipped("its file_id is not made of letters, digits, - and _");
        }
        String user = requiredHexId(source, "user");
        objectId(source);
        Double width = number(source, "width");
        Double height = number(source, "height");
        String path = text(source, "filepath");
        return new Mapped(sourceId, user, fileId, filename(text(source, "filename")), path == null ? "" : path,
                text(source, "type"), width == null ? null : width.intValue(), height == null ? null : height.intValue(),
                source);
    }

    private ImportBatch.Outcome store(String tenantId, Mapped file, Path bytes) throws IOException {
        long length = Files.size(bytes);
        String imageType = ImportedFiles.servedImageType(file.type(), file.libreChatPath());
        Integer width = file.width();
        Integer height = file.height();
        if (imageType != null && (width == null || height == null)) {
            int[] size = dimensions(bytes);
            width = size == null ? null : size[0];
            height = size == null ? null : size[1];
        }
        // an image Parley cannot size is kept as a document (downloadable, not shown inline)
        boolean image = imageType != null && width != null && height != null;
        String type = image ? imageType : file.type() == null || file.type().isBlank() ? "application/octet-stream" : file.type();
        String key = StorageKeys.of(tenantId, file.user(), file.fileId());
        FileStorage storage = storages.forKind(image ? FileKind.IMAGE : FileKind.DOCUMENT);
        storage.put(key, new FileSystemResource(bytes), length);
        Document source = file.source();
        String text = text(source, "text");
        Double usage = number(source, "usage");
        StoredFile stored = new StoredFile(objectId(source), tenantId, file.user(), file.fileId(), text(source, "temp_file_id"),
                length, file.filename(), ImportedFiles.filepath(file.user(), file.fileId(), image ? imageType : type, file.libreChatPath()),
                key, type, text(source, "context"), storage.source(), image ? width : null, image ? height : null,
                usage == null ? 0 : usage.intValue(), null, createdAt(source), updatedAt(source), text,
                text == null ? 0 : text.length());
        try {
            records.add(stored);
        } catch (DuplicateKeyException e) {
            StoredFile existing = records.find(tenantId, file.fileId());
            if (existing != null && existing.storageKey().equals(key)) {
                // the same file arrived meanwhile under the same key: its bytes are these
                return new ImportBatch.Outcome(0, 1, List.of(), List.of());
            }
            storage.delete(key);
            return existing != null ? new ImportBatch.Outcome(0, 1, List.of(), List.of())
                    : skipped(file.sourceId(), "its _id is held by a file of another tenant");
        } catch (RuntimeException e) {
            storage.delete(key);
            throw e;
        }
        log.info("LibreChat file imported tenant_id={} user_id={} file_id={} bytes={}", tenantId, file.user(),
                file.fileId(), length);
        return new ImportBatch.Outcome(1, 0, List.of(), List.of());
    }

    /** Width and height from the image's header; null when no reader knows it. */
    private static int @Nullable [] dimensions(Path bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(bytes.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** The name as an upload would keep it; a name with a path keeps its last part. */
    private static String filename(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return "file";
        }
        try {
            return Filenames.sanitize(name);
        } catch (ApiException.Invalid e) {
            String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                    .codePoints().filter(c -> !Character.isISOControl(c))
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            try {
                return Filenames.sanitize(last.length() > Filenames.MAX_LENGTH ? last.substring(0, Filenames.MAX_LENGTH) : last);
            } catch (ApiException.Invalid again) {
                return "file";
            }
        }
    }

    private static ImportBatch.Outcome skipped(String id, String reason) {
        return new ImportBatch.Outcome(0, 0, List.of(new ImportBatch.Note(id, reason)), List.of());
    }
}
