package io.parley.file.upload;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.file.files.StoredFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * LibreChat's {@code POST /api/files} and {@code POST /api/files/images}, and the seed's uploads beside
 * them. Validation failures LibreChat answers with 500 are 400 here (413 for sizes), with LibreChat's
 * sentences as {@code message}.
 */
@RestController
class UploadController {

    private static final String FILE_MESSAGE = "File uploaded and processed successfully";
    private static final String AGENT_FILE_MESSAGE = "Agent file uploaded and processed successfully";

    private final Uploads uploads;

    UploadController(Uploads uploads) {
        this.uploads = uploads;
    }

    @PostMapping(path = "/api/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Map<String, Object> upload(CurrentUser user, @RequestParam(required = false) MultipartFile file,
                               @RequestParam Map<String, String> fields) throws IOException {
        UploadForm form = form(fields);
        StoredFile stored = uploads.upload(user, form, file, Uploads.Route.FILES);
        Map<String, Object> body = withMessage(form.forAgent() ? AGENT_FILE_MESSAGE : FILE_MESSAGE, stored);
        if (stored.text() != null) {
            body.put("text", stored.text()); // LibreChat answers the whole document, the text read included
        }
        return body;
    }

    @PostMapping(path = "/api/files/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Map<String, Object> uploadImage(CurrentUser user, @RequestParam(required = false) MultipartFile file,
                                    @RequestParam Map<String, String> fields) throws IOException {
        return withMessage(FILE_MESSAGE, uploads.upload(user, form(fields), file, Uploads.Route.IMAGES));
    }

    /** The seed's image route: the same as LibreChat's. */
    @PostMapping(path = "/api/files/images/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Map<String, Object> uploadImageSeed(CurrentUser user, @RequestParam(required = false) MultipartFile file,
                                        @RequestParam Map<String, String> fields) throws IOException {
        return uploadImage(user, file, fields);
    }

    /**
     * The seed's upload of several files ({@code files} or {@code file} parts): all are checked against
     * {@code fileLimit} and {@code totalSizeLimit} first; each is then stored as LibreChat's route does.
     */
    @PostMapping(path = "/api/files/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Map<String, Object> uploadMany(CurrentUser user, @RequestParam(name = "files", required = false) List<MultipartFile> files,
                                   @RequestParam(name = "file", required = false) List<MultipartFile> file,
                                   @RequestParam Map<String, String> fields) throws IOException {
        List<MultipartFile> all = new ArrayList<>();
        if (files != null) {
            all.addAll(files);
        }
        if (file != null) {
            all.addAll(file);
        }
        if (all.isEmpty()) {
            throw ApiException.Invalid.field("files", "No file uploaded");
        }
        UploadForm form = form(fields);
        uploads.checkBatch(form, all);
        List<Map<String, Object>> stored = new ArrayList<>();
        for (MultipartFile one : all) {
            stored.add(uploads.upload(user, form, one, Uploads.Route.FILES).view());
        }
        return Map.of("message", FILE_MESSAGE, "files", stored);
    }

    private static UploadForm form(Map<String, String> fields) {
        return new UploadForm(fields.get("file_id"), fields.get("endpoint"), fields.get("tool_resource"),
                fields.get("agent_id"), fields.get("message_file"));
    }

    private static Map<String, Object> withMessage(String message, StoredFile stored) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.putAll(stored.view());
        return body;
    }
}
