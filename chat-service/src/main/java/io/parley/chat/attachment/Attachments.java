package io.parley.chat.attachment;

import io.parley.chat.provider.ModelRequest;
import io.parley.common.error.ApiException;
import io.parley.proto.file.v1.FileMetadata;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The files a person attaches to a message (LibreChat's {@code files} of the ask body): attached
 * through file-service, which checks each is theirs to use and stops it expiring, and recorded on the
 * message as file-service describes them, never as the client claimed. Images go to the model.
 */
@Component
public class Attachments {

    /** As many files as one message may carry (LibreChat's default {@code fileLimit}). */
    static final int MAX_FILES = 10;
    /** The largest image sent to a model (OpenAI's limit per image). */
    static final long MAX_IMAGE_BYTES = 20L * 1024 * 1024;
    /** All images of one message together: they are held in memory, base64-encoded, for the model call. */
    static final long MAX_IMAGES_BYTES = 32L * 1024 * 1024;
    /** Image types the model APIs accept. */
    private static final Set<String> MODEL_IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    private final FilesClient files;

    Attachments(FilesClient files) {
        this.files = files;
    }

    /** What a message records of its files, and the images among them for the model. */
    public record Attached(List<Map<String, Object>> files, List<ModelRequest.Image> images) {

        public static final Attached NONE = new Attached(List.of(), List.of());
    }

    /**
     * @param requested the ask body's {@code files}: objects with a {@code file_id}
     * @throws ApiException.Invalid   a malformed list
     * @throws ApiException.NotFound  a file that is unknown, expired or not the person's to use (nothing is attached)
     */
    public Attached attach(List<Map<String, Object>> requested) {
        if (requested == null || requested.isEmpty()) {
            return Attached.NONE;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Map<String, Object> file : requested) {
            if (file == null || !(file.get("file_id") instanceof String id) || id.isBlank()) {
                throw ApiException.Invalid.field("files", "every file needs a file_id");
            }
            ids.add(id);
        }
        if (ids.size() > MAX_FILES) {
            throw ApiException.Invalid.field("files", "at most " + MAX_FILES + " files per message");
        }
        List<FileMetadata> attached = files.attach(List.copyOf(ids));
        List<FileMetadata> forModel = attached.stream().filter(file -> MODEL_IMAGE_TYPES.contains(file.getType())).toList();
        if (forModel.stream().anyMatch(file -> file.getBytes() > MAX_IMAGE_BYTES)
                || forModel.stream().mapToLong(FileMetadata::getBytes).sum() > MAX_IMAGES_BYTES) {
            throw new ApiException.TooLarge("Attached images may have at most " + MAX_IMAGE_BYTES / (1024 * 1024)
                    + " MB each and " + MAX_IMAGES_BYTES / (1024 * 1024) + " MB together");
        }
        List<ModelRequest.Image> images = new ArrayList<>();
        for (FileMetadata image : forModel) {
            images.add(new ModelRequest.Image(image.getType(),
                    Base64.getEncoder().encodeToString(files.read(image.getFileId()))));
        }
        return new Attached(attached.stream().map(Attachments::record).toList(), images);
    }

    /** LibreChat's entry of a message's {@code files}. */
    private static Map<String, Object> record(FileMetadata file) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("file_id", file.getFileId());
        entry.put("filename", file.getFilename());
        entry.put("filepath", file.getFilepath());
        entry.put("type", file.getType());
        entry.put("bytes", file.getBytes());
        entry.put("source", file.getSource());
        if (file.getWidth() > 0) {
            entry.put("width", file.getWidth());
            entry.put("height", file.getHeight());
        }
        return entry;
    }
}
