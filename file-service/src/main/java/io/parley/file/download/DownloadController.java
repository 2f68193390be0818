package io.parley.file.download;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.file.files.FileAccess;
import io.parley.file.files.StoredFile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A file's bytes as an attachment: LibreChat's {@code GET /api/files/download/:userId/:file_id} and
 * {@code download-url}, and the seed's {@code GET /api/files/:file_id}. Whoever may read the file is
 * {@link FileAccess}'s to say.
 */
@RestController
class DownloadController {

    private final FileAccess access;

    DownloadController(FileAccess access) {
        this.access = access;
    }

    /** {@code ?direct=true}: a redirect to a presigned URL where the storage has them. */
    @GetMapping("/api/files/download/{userId}/{fileId}")
    ResponseEntity<Resource> download(CurrentUser user, @PathVariable String userId, @PathVariable String fileId,
                                      @RequestParam(defaultValue = "false") boolean direct,
                                      @RequestHeader(name = HttpHeaders.RANGE, required = false) String range)
            throws IOException {
        StoredFile file = ownFileOf(user, userId, fileId);
        if (direct) {
            URI url = access.directUrl(file);
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
        URI url = access.directUrl(file);
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
}
