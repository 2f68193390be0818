package io.parley.migrate;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Where a LibreChat file's bytes are: its local strategy writes {@code /uploads/<user>/<name>} under the uploads
 * folder and {@code /images/<user>/<name>} under the images folder. Files in S3, Azure Blob or Firebase, and files
 * that live at a model provider (OpenAI's, vector stores, code outputs), are not read by this command: they are
 * reported skipped with the reason.
 */
final class FileBytes {

    private final @Nullable Path uploads;
    private final @Nullable Path images;

    FileBytes(@Nullable Path uploads, @Nullable Path images) {
        this.uploads = uploads == null ? null : uploads.toAbsolutePath().normalize();
        this.images = images == null ? null : images.toAbsolutePath().normalize();
    }

    /** The file holding the bytes, or the reason there is none. */
    record Found(@Nullable Path path, @Nullable String missing) {
    }

    Found locate(Document file) {
        String source = file.get("source") instanceof String s ? s : "local";
        if (!source.equals("local")) {
            return missing(switch (source) {
                case "s3", "azure_blob", "firebase", "cloudfront" -> "its bytes are in " + source
                        + ", which this command does not read: copy them into a local uploads folder first";
                default -> "its bytes live at " + source + ", outside LibreChat's storage";
            });
        }
        if (!(file.get("filepath") instanceof String filepath) || filepath.isBlank()) {
            return missing("it has no filepath");
        }
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
        return new Found(resolved, null);
    }

    private static Found missing(String reason) {
        return new Found(null, reason);
    }
}
