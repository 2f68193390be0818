package io.parley.file.files;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * One file's record in {@code files}: LibreChat's file document ({@code packages/data-schemas/src/schema/file.ts})
 * plus {@code tenantId} and the {@code storageKey} its bytes live under.
 *
 * @param usage      how many messages use the file
 * @param expiresAt  when a temporary upload (a chat attachment no message uses yet) stops existing;
 *                   null for every other file
 * @param text       the text read when the file was uploaded as text (LibreChat's {@code text}); null for
 *                   other files, and wherever the store was not asked for it (it may be a megabyte or more)
 * @param textLength how many characters {@code text} has; 0 for a file not uploaded as text
 */
public record StoredFile(ObjectId id, String tenantId, String user, String fileId, String tempFileId, long bytes,
                  String filename, String filepath, String storageKey, String type, String context, String source,
                  Integer width, Integer height, int usage, Instant expiresAt, Instant createdAt, Instant updatedAt,
                  String text, int textLength) {

    /** A file without text. */
    public StoredFile(ObjectId id, String tenantId, String user, String fileId, String tempFileId, long bytes, String filename,
               String filepath, String storageKey, String type, String context, String source, Integer width,
               Integer height, int usage, Instant expiresAt, Instant createdAt, Instant updatedAt) {
        this(id, tenantId, user, fileId, tempFileId, bytes, filename, filepath, storageKey, type, context, source, width,
                height, usage, expiresAt, createdAt, updatedAt, null, 0);
    }

    Document toDocument() {
        Document d = new Document("_id", id).append("tenantId", tenantId).append("user", user).append("file_id", fileId)
                .append("temp_file_id", tempFileId).append("bytes", bytes).append("filename", filename)
                .append("filepath", filepath).append("storageKey", storageKey).append("object", "file")
                .append("embedded", false).append("type", type).append("context", context).append("usage", usage)
                .append("source", source).append("createdAt", java.util.Date.from(createdAt))
                .append("updatedAt", java.util.Date.from(updatedAt));
        if (width != null) {
            d.append("width", width).append("height", height);
        }
        if (expiresAt != null) {
            d.append("expiresAt", java.util.Date.from(expiresAt));
        }
        if (text != null) {
            d.append("text", text).append("textLength", textLength);
        }
        return d;
    }

    static StoredFile from(Document d) {
        Number bytes = d.get("bytes", Number.class);
        return new StoredFile(d.getObjectId("_id"), d.getString("tenantId"), d.getString("user"), d.getString("file_id"),
                d.getString("temp_file_id"), bytes == null ? 0 : bytes.longValue(), d.getString("filename"),
                d.getString("filepath"), d.getString("storageKey"), d.getString("type"), d.getString("context"),
                d.getString("source"), d.getInteger("width"), d.getInteger("height"),
                d.get("usage") instanceof Number n ? n.intValue() : 0,
                d.getDate("expiresAt") == null ? null : d.getDate("expiresAt").toInstant(), d.getDate("createdAt").toInstant(),
                d.getDate("updatedAt").toInstant(), d.getString("text"),
                d.get("textLength") instanceof Number length ? length.intValue() : 0);
    }

    /** LibreChat's JSON of the document (no tenant, no storage key; no text, which only the upload's answer shows). */
    public Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("_id", id.toHexString());
        v.put("user", user);
        v.put("file_id", fileId);
        if (tempFileId != null) {
            v.put("temp_file_id", tempFileId);
        }
        v.put("bytes", bytes);
        v.put("filename", filename);
        v.put("filepath", filepath);
        v.put("object", "file");
        v.put("embedded", false);
        v.put("type", type);
        v.put("context", context);
        v.put("usage", usage);
        v.put("source", source);
        if (width != null) {
            v.put("width", width);
            v.put("height", height);
        }
        if (expiresAt != null) {
            v.put("expiresAt", expiresAt.toString());
        }
        v.put("createdAt", createdAt.toString());
        v.put("updatedAt", updatedAt.toString());
        return v;
    }

    /** A temporary upload no message took up in time: it is treated as gone before the cleaner removes it. */
    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    public boolean isImage() {
        return type != null && type.startsWith("image/") && width != null;
    }
}
