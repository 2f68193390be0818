package io.parley.chat.attachment;

import io.parley.chat.provider.ModelRequest;
import io.parley.chat.support.TokenCounter;
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
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The files a person attaches to a message (LibreChat's {@code files} of the ask body): attached
 * through file-service, which checks each is theirs to use and stops it expiring, and recorded on the
 * message as file-service describes them, never as the client claimed. Images go to the model, with
 * this message and again with later ones; so does the text of documents uploaded as text (LibreChat's
 * "Upload as Text"), as LibreChat's {@code extractFileContext} formats it, within {@code fileTokenLimit}.
 */
@Component
@EnableConfigurationProperties(FileContextProperties.class)
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
    /** Characters of document text asked of file-service per call at most (it sends no more: 3 MB of UTF-8 at worst). */
    static final int MAX_TEXT_CHARS = 1_000_000;
    /**
     * Characters asked per token of {@code fileTokenLimit}: ordinary text runs at three to five characters a
     * token, so this is enough to fill the limit; text that takes more (long runs of one character) is cut
     * a little earlier than the limit would cut it.
     */
    private static final int CHARS_PER_TOKEN = 8;
    /** Ids per GetFiles call (file-service's limit). */
    private static final int IDS_PER_CALL = 100;
    // LibreChat's frame around the documents (extractFileContext), with a line break after the fence's
    // language, which LibreChat leaves out
    private static final String OPENING = "Attached document(s):\n```md\n";
    private static final String BETWEEN = "\n---\n\n";
    private static final String CLOSING = "```";
    /** Tokens kept free per document for what joining the pieces may add at their seams. */
    private static final int SEAM = 2;

    private final FilesClient files;
    private final TokenCounter tokens;
    private final FileContextProperties settings;

    Attachments(FilesClient files, TokenCounter tokens, FileContextProperties settings) {
        this.files = files;
        this.tokens = tokens;
        this.settings = settings;
    }

    /**
     * What a message records of its files, the images among them for the model, and the text of those
     * uploaded as text.
     */
    public record Attached(List<Map<String, Object>> files, List<ModelRequest.Image> images, List<FileText> texts) {

        public static final Attached NONE = new Attached(List.of(), List.of(), List.of());
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
        List<FileMetadata> attached = files.attach(List.copyOf(ids), textChars());
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
        List<FileText> texts = attached.stream().filter(file -> !file.getText().isEmpty())
                .map(file -> new FileText(file.getFilename(), file.getText())).toList();
        return new Attached(attached.stream().map(Attachments::record).toList(), images, texts);
    }

    /**
     * The texts of documents uploaded as text among the files recorded on earlier messages of the person,
     * to go with those messages again (as LibreChat does while it sends earlier files again); newest
     * messages first while file-service's answer has room. A file deleted since, or file-service not
     * answering, leaves the text out and the conversation goes on.
     *
     * @param filesByMessage each earlier message's recorded {@code files}, by message id, oldest first
     * @return the texts by message id
     */
    public Map<String, List<FileText>> earlierTexts(Map<String, List<Map<String, Object>>> filesByMessage) {
        Map<String, List<String>> idsByMessage = new LinkedHashMap<>();
        List<String> newestFirst = new ArrayList<>();
        for (String messageId : new ArrayList<>(filesByMessage.keySet()).reversed()) {
            for (Map<String, Object> file : filesByMessage.get(messageId)) {
                // images never have text: uploaded as text they would have been refused
                if (file.get("file_id") instanceof String fileId && !MODEL_IMAGE_TYPES.contains(file.get("type"))) {
                    idsByMessage.computeIfAbsent(messageId, id -> new ArrayList<>()).add(fileId);
                    newestFirst.add(fileId);
                }
            }
        }
        if (newestFirst.isEmpty() || settings.fileTokenLimit() == 0) {
            return Map.of();
        }
        Map<String, FileText> byId = textsById(newestFirst);
        Map<String, List<FileText>> texts = new LinkedHashMap<>();
        idsByMessage.forEach((messageId, ids) -> {
            List<FileText> own = ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
            if (!own.isEmpty()) {
                texts.put(messageId, own);
            }
        });
        return texts;
    }

    /**
     * The texts of the files among {@code fileIds} that were uploaded as text, in order: an agent's "File
     * Context" (its {@code context} tool resource), which goes with every turn of the agent. A file the
     * person may not read, deleted, or file-service not answering leaves the text out and the turn goes on.
     */
    public List<FileText> texts(List<String> fileIds) {
        if (fileIds.isEmpty() || settings.fileTokenLimit() == 0) {
            return List.of();
        }
        return List.copyOf(textsById(fileIds).values());
    }

    /** The texts among the files, by id in the order asked; what cannot be read is left out. */
    private Map<String, FileText> textsById(List<String> fileIds) {
        Map<String, FileText> byId = new LinkedHashMap<>();
        List<String> distinct = List.copyOf(new LinkedHashSet<>(fileIds));
        try {
            for (int from = 0; from < distinct.size(); from += IDS_PER_CALL) {
                for (FileMetadata file : files.get(distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_CALL)),
                        textChars())) {
                    if (!file.getText().isEmpty()) {
                        byId.put(file.getFileId(), new FileText(file.getFilename(), file.getText()));
                    }
                }
            }
        } catch (ApiException unreadable) {
            log.info("Documents not sent reason={}", unreadable.getMessage());
        }
        return byId;
    }

    /**
     * The documents as the model reads them: LibreChat's {@code Attached document(s):} block, each under its
     * file name, in at most {@code maxTokens} (and {@code fileTokenLimit}) tokens all together: a text that
     * does not fit is cut, and a document after the budget ran out is left out.
     *
     * @return the block, or "" when there are no texts or no room for any
     */
    public String documents(List<FileText> texts, int maxTokens) {
        int budget = Math.min(maxTokens, settings.fileTokenLimit());
        if (texts.isEmpty() || budget <= 0) {
            return "";
        }
        StringBuilder block = new StringBuilder();
        int left = budget - tokens.count(OPENING) - tokens.count(CLOSING) - SEAM;
        for (FileText file : texts) {
            String heading = (block.isEmpty() ? "" : BETWEEN) + "# \"" + file.filename() + "\"\n";
            left -= tokens.count(heading) + 1 + SEAM;
            String text = tokens.truncate(file.text(), left);
            if (text.isBlank()) {
                break;
            }
            left -= tokens.count(text);
            block.append(heading).append(text).append('\n');
        }
        return block.isEmpty() ? "" : OPENING + block + CLOSING;
    }

    /** Characters of text to ask file-service for: enough for {@code fileTokenLimit} tokens of ordinary text. */
    private int textChars() {
        return (int) Math.min(MAX_TEXT_CHARS, (long) settings.fileTokenLimit() * CHARS_PER_TOKEN);
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
