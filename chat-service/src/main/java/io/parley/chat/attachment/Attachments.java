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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The files a person attaches to a message (LibreChat's {@code files} of the ask body): attached
 * through file-service, which checks each is theirs to use and stops it expiring, and recorded on the
 * message as file-service describes them, never as the client claimed. Images go to the model, with
 * this message and again with later ones.
 */
@Component
public class Attachments {

    private static final Logger log = LoggerFactory.getLogger(Attachments.class);

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
    public Attached attach(@Nullable List<Map<String, Object>> requested) {
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
                    Base64.getEncoder().encodeToString(files.read(image.getFileId(), MAX_IMAGE_BYTES).bytes())));
        }
        return new Attached(attached.stream().map(Attachments::record).toList(), images);
    }

    /**
     * The images recorded on earlier messages of the person, to send again with the conversation
     * (LibreChat's {@code resendFiles}): newest messages first while they fit in what is left of
     * {@link #MAX_IMAGES_BYTES} after {@code alreadyUsed}; a file deleted since is left out.
     *
     * @param filesByMessage each earlier message's recorded {@code files}, by message id, oldest first
     * @return the images by message id
     */
    public Map<String, List<ModelRequest.Image>> earlierImages(Map<String, List<Map<String, Object>>> filesByMessage,
                                                              long alreadyUsed) {
        Map<String, List<ModelRequest.Image>> images = new LinkedHashMap<>();
        long budget = MAX_IMAGES_BYTES - alreadyUsed;
        List<String> newestFirst = new ArrayList<>(filesByMessage.keySet()).reversed();
        for (String messageId : newestFirst) {
            for (Map<String, Object> file : filesByMessage.get(messageId)) {
                if (budget <= 0 || !(file.get("file_id") instanceof String fileId)
                        || !MODEL_IMAGE_TYPES.contains(file.get("type"))
                        || !(file.get("bytes") instanceof Number bytes) || bytes.longValue() > budget) {
                    continue;
                }
                try {
                    // the record is the client's own for messages it saved itself: size and type are file-service's
                    FilesClient.Read image = files.read(fileId, Math.min(budget, MAX_IMAGE_BYTES));
                    if (!MODEL_IMAGE_TYPES.contains(image.metadata().getType())) {
                        continue;
                    }
                    budget -= image.bytes().length;
                    images.computeIfAbsent(messageId, id -> new ArrayList<>()).add(new ModelRequest.Image(
                            image.metadata().getType(), Base64.getEncoder().encodeToString(image.bytes())));
                } catch (ApiException unreadable) {
                    // deleted since the message was sent, or file-service cannot say now: the conversation
                    // goes on without the earlier image rather than not at all
                    log.info("Earlier image not sent again file_id={} reason={}", fileId, unreadable.getMessage());
                }
            }
        }
        return images;
    }

    /** How many bytes the images among {@code attached} take. */
    public static long imageBytes(Attached attached) {
        return attached.images().stream().mapToLong(i -> i.base64().length() / 4L * 3).sum();
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
