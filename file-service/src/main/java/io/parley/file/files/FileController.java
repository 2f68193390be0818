package io.parley.file.files;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.file.limits.FileLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.core.io.Resource;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * LibreChat's {@code /api/files} routes and the seed's beside them. Validation failures LibreChat
 * answers with 500 are 400 here (413 for sizes), with LibreChat's sentences as {@code message}.
 */
@RestController
class FileController {

    private static final String FILE_MESSAGE = "File uploaded and processed successfully";
    private static final String AGENT_FILE_MESSAGE = "Agent file uploaded and processed successfully";

    private final Uploads uploads;
    private final FileAccess access;
    private final FileStore store;
    private final FileLimits limits;
    private final AgentsClient agents;

    FileController(Uploads uploads, FileAccess access, FileStore store, FileLimits limits, AgentsClient agents) {
        this.agents = agents;
        this.uploads = uploads;
        this.access = access;
        this.store = store;
        this.limits = limits;
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

    @GetMapping("/api/files")
    List<Map<String, Object>> list(CurrentUser user) {
        return store.ofUser(user.tenantId(), user.id()).stream().map(StoredFile::view).toList();
    }

    /**
     * LibreChat's {@code GET /api/files/agent/:agent_id}: the files in the agent's tool resources, for
     * someone who may EDIT it (the agent builder); anyone else, and an unknown agent, get an empty list.
     */
    @GetMapping("/api/files/agent/{agentId}")
    List<Map<String, Object>> ofAgent(CurrentUser user, @PathVariable String agentId) {
        List<String> fileIds = agents.editableAgentFiles(agentId);
        return fileIds.isEmpty() ? List.of()
                : store.findAll(user.tenantId(), fileIds).stream().map(StoredFile::view).toList();
    }

    @GetMapping("/api/files/config")
    Map<String, Object> config() {
        return limits.asConfigured();
    }

    /** {@code ?direct=true}: a redirect to a presigned URL where the storage has them. */
    @GetMapping("/api/files/download/{userId}/{fileId}")
    ResponseEntity<Resource> download(CurrentUser user, @PathVariable String userId, @PathVariable String fileId,
                                      @RequestParam(defaultValue = "false") boolean direct,
                                      @RequestHeader(name = HttpHeaders.RANGE, required = false) String range)
            throws IOException {
        StoredFile file = ownFileOf(user, userId, fileId);
        if (direct) {
            java.net.URI url = access.directUrl(file);
            if (url != null) {
                return ResponseEntity.status(302).location(url).build();
            }
        }
        return attachment(file, range);
    }

    /** LibreChat 0.8.7's {@code download-url}: a presigned URL; 501 where the storage has none. */
    @GetMapping("/api/files/download-url/{userId}/{fileId}")
    ResponseEntity<Map<String, Object>> downloadUrl(CurrentUser user, @PathVariable String userId, @PathVariable String fileId) {
        StoredFile file = ownFileOf(user, userId, fileId);
        java.net.URI url = access.directUrl(file);
        if (url == null) {
            return ResponseEntity.status(501).body(Map.of("error", "not_implemented",
                    "message", "Direct download URLs are not supported for this file's storage"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url.toString());
        body.put("filename", file.filename());
        body.put("type", file.type());
        body.put("metadata", file.view());
        return ResponseEntity.ok(body);
    }

    private StoredFile ownFileOf(CurrentUser user, String userId, String fileId) {
        StoredFile file = access.readable(user, fileId);
        if (!file.user().equals(userId)) {
            throw new ApiException.NotFound("Not Found", "File not found");
        }
        return file;
    }

    /** The seed's download. */
    @GetMapping("/api/files/{fileId}")
    ResponseEntity<Resource> get(CurrentUser user, @PathVariable String fileId,
                                 @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) throws IOException {
        return attachment(access.readable(user, fileId), range);
    }

    /**
     * LibreChat's delete: {@code {files:[{file_id, filepath}], agent_id?}}. Any named file of another
     * person makes it 403 with their ids, and nothing is deleted.
     */
    @DeleteMapping("/api/files")
    ResponseEntity<Map<String, Object>> delete(CurrentUser user, @RequestBody DeleteRequest request) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        if (request.files() != null) {
            for (DeleteRequest.FileRef ref : request.files()) {
                if (ref != null && ref.file_id() != null && !ref.file_id().isBlank()) {
                    ids.add(ref.file_id());
                }
            }
        }
        if (ids.size() > FileStore.MAX_LIST) {
            throw ApiException.Invalid.field("files", "At most " + FileStore.MAX_LIST + " files per request");
        }
        if (ids.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        List<String> others = access.notOwned(user, ids);
        if (!others.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "forbidden");
            body.put("message", "You can only delete files you have access to");
            body.put("unauthorizedFiles", others);
            return ResponseEntity.status(403).body(body);
        }
        access.deleteOwn(user, ids);
        return ResponseEntity.ok(Map.of("message", "Files deleted successfully"));
    }

    /** The seed's single deletes: the owner's only, like LibreChat's {@code DELETE /api/files}. */
    @DeleteMapping({"/api/files/{fileId}", "/api/files/images/{fileId}"})
    ResponseEntity<Void> deleteOne(CurrentUser user, @PathVariable String fileId) throws IOException {
        access.delete(access.owned(user, fileId));
        return ResponseEntity.noContent().build();
    }

    /**
     * The file as an attachment. One range is read as a range from the storage (206); several are left
     * to Spring, which reads the file once and skips between them; an unsatisfiable one is 416.
     */
    private ResponseEntity<Resource> attachment(StoredFile file, String range) throws IOException {
        List<HttpRange> ranges;
        try {
            ranges = range == null ? List.of() : HttpRange.parseRanges(range);
        } catch (IllegalArgumentException e) {
            ranges = List.of(); // a malformed Range header is ignored (RFC 9110 §14.2)
        }
        if (ranges.size() != 1) {
            return attachmentHeaders(ResponseEntity.ok(), file).body(access.bytes(file));
        }
        // the record knows the length: the store is asked only for the range itself
        long length = file.bytes();
        long first;
        long last;
        try {
            first = ranges.getFirst().getRangeStart(length);
            last = ranges.getFirst().getRangeEnd(length);
        } catch (IllegalArgumentException e) {
            first = length;
            last = length;
        }
        if (first >= length) {
            return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + length).build();
        }
        long count = last - first + 1;
        return attachmentHeaders(ResponseEntity.status(HttpStatus.PARTIAL_CONTENT), file)
                .header(HttpHeaders.CONTENT_RANGE, "bytes " + first + "-" + last + "/" + length)
                .contentLength(count)
                .body(new InputStreamResource(access.read(file, first, count)));
    }

    private static ResponseEntity.BodyBuilder attachmentHeaders(ResponseEntity.BodyBuilder response, StoredFile file) {
        // the stored type is the detected one; nosniff and attachment keep a browser from running it
        return response
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.filename(), StandardCharsets.UTF_8).build().toString())
                .header("X-File-Metadata", FileMetadataHeader.of(file.view()))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .contentType(MediaType.parseMediaType(file.type()));
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

    record DeleteRequest(List<FileRef> files, String agent_id) {
        record FileRef(String file_id, String filepath) {
        }
    }
}
