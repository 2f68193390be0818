package io.parley.migrate;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * Where a LibreChat file's bytes are, by the {@code source} LibreChat stored it with. {@code local}: its local
 * strategy writes {@code /uploads/<user>/<name>} under the uploads folder and {@code /images/<user>/<name>} under
 * the images folder. {@code s3}, {@code cloudfront} (S3 behind a CDN), {@code azure_blob} and {@code firebase}: the
 * object the URL in {@code filepath} names, read from the bucket or container LibreChat's own variables configure
 * ({@link LibreChatStorage}); a source whose variables are not set is skipped with the reason naming them. Files
 * that live at a model provider (OpenAI's, vector stores, code outputs) are reported skipped with the reason.
 */
final class FileBytes implements AutoCloseable {

    private final @Nullable Path uploads;
    private final @Nullable Path images;
    private final LibreChatStorage remote;

    FileBytes(@Nullable Path uploads, @Nullable Path images, LibreChatStorage remote) {
        this.uploads = uploads == null ? null : uploads.toAbsolutePath().normalize();
        this.images = images == null ? null : images.toAbsolutePath().normalize();
        this.remote = remote;
    }

    /** The bytes, or the reason there are none to send. */
    record Found(@Nullable StoredBytes bytes, @Nullable String missing) {
    }

    static Found found(StoredBytes bytes) {
        return new Found(bytes, null);
    }

    static Found missing(String reason) {
        return new Found(null, reason);
    }

    Found locate(Document file) {
        String source = file.get("source") instanceof String s ? s : "local";
        if (!(file.get("filepath") instanceof String filepath) || filepath.isBlank()) {
            return missing("it has no filepath");
        }
        return switch (source) {
            case "local" -> local(filepath);
            case "s3" -> remote.s3().map(s3 -> s3.locate(filepath)).orElseGet(() -> notSet(source, S3Store.SETTINGS));
            case "cloudfront" -> remote.s3().map(s3 -> s3.locateBehindCloudFront(filepath, owner(file)))
                    .orElseGet(() -> notSet("S3 behind CloudFront", S3Store.SETTINGS));
            case "azure_blob" -> remote.azure().map(azure -> azure.locate(filepath))
                    .orElseGet(() -> notSet("Azure Blob", AzureBlobStore.SETTINGS));
            case "firebase" -> remote.firebase().map(firebase -> firebase.locate(filepath))
                    .orElseGet(() -> notSet("Firebase", FirebaseStore.SETTINGS));
            default -> missing("its bytes live at " + source + ", outside LibreChat's storage");
        };
    }

    private static Found notSet(String source, String settings) {
        return missing("its bytes are in LibreChat's " + source + " storage, which is not set up here: set " + settings);
    }

    /** The owner's id as LibreChat puts it into keys (hex), or null. */
    private static @Nullable String owner(Document file) {
        return switch (file.get("user")) {
            case ObjectId id -> id.toHexString();
            case String id -> id;
            case null, default -> null;
        };
    }

    private Found local(String filepath) {
        String path = filepath.split("\\?", 2)[0];
        Path root;
        String rest;
        if (path.startsWith("/uploads/")) {
            root = uploads;
            rest = path.substring("/uploads/".length());
        } else if (path.startsWith("/images/")) {
            root = images;
            rest = path.substring("/images/".length());
        } else {
            return missing("its filepath " + path + " is in neither LibreChat's uploads nor its images");
        }
        if (root == null) {
            return missing("no --uploads folder was given");
        }
        Path resolved = root.resolve(rest).normalize();
        if (!resolved.startsWith(root)) {
            return missing("its filepath leads out of LibreChat's folder");
        }
        if (!Files.isRegularFile(resolved)) {
            return missing("its bytes are not in " + root);
        }
        return found(StoredBytes.of(resolved));
    }

    @Override
    public void close() {
        remote.close();
    }
}
