package io.parley.common.imports;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where an imported file is found in Parley, agreed between file-service (which stores it) and chat-service
 * (whose messages name it in their {@code files}): LibreChat's paths name its own folders and a file's original
 * name, Parley's name the owner and the file id, as its uploads do.
 */
public final class ImportedFiles {

    /** The image types Parley serves under {@code /images}, by the extension LibreChat's paths end with. */
    private static final Map<String, String> SERVED_IMAGES = Map.of("png", "image/png", "jpg", "image/jpeg",
            "jpeg", "image/jpeg", "gif", "image/gif", "bmp", "image/bmp", "webp", "image/webp");

    private ImportedFiles() {
    }

    /**
     * The image type Parley serves the file as under {@code /images}: its {@code type} when that is one, else
     * the one its LibreChat path's extension names; null for any other file.
     */
    public static @Nullable String servedImageType(@Nullable String type, @Nullable String libreChatPath) {
        if (type != null && SERVED_IMAGES.containsValue(type.toLowerCase(Locale.ROOT))) {
            return type.toLowerCase(Locale.ROOT);
        }
        if (type != null && !type.isBlank() || libreChatPath == null || !libreChatPath.startsWith("/images/")) {
            return null;
        }
        String path = libreChatPath.split("\\?", 2)[0];
        int dot = path.lastIndexOf('.');
        return dot < 0 ? null : SERVED_IMAGES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * {@code /images/<user>/<fileId>.<ext>} for an image Parley serves ({@link #servedImageType}), else
     * {@code /uploads/<user>/<fileId>}, as Parley's own uploads are named.
     */
    public static String filepath(String userId, String fileId, @Nullable String type, @Nullable String libreChatPath) {
        String image = servedImageType(type, libreChatPath);
        if (image == null) {
            return "/uploads/" + userId + "/" + fileId;
        }
        String extension = image.substring("image/".length());
        return "/images/" + userId + "/" + fileId + "." + extension;
    }
}
