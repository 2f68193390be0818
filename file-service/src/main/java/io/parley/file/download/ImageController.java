package io.parley.file.download;

import io.parley.common.edge.EdgeHeaders;
import io.parley.common.error.ApiException;
import io.parley.common.security.PublicPaths;
import io.parley.file.files.FileAccess;
import io.parley.file.files.FileRecords;
import io.parley.file.files.StoredFile;
import java.io.IOException;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /images/<userId>/<fileId>.<ext>}: the re-encoded images a file document's {@code filepath}
 * names, which LibreChat's client shows with {@code <img src>} (no token), as LibreChat serves its
 * static {@code /images/}. The file id is a random UUID; only images this service re-encoded are served.
 */
@RestController
class ImageController {

    private final FileRecords records;
    private final FileAccess access;

    ImageController(FileRecords records, FileAccess access) {
        this.records = records;
        this.access = access;
    }

    @GetMapping("/images/{userId}/{name}")
    ResponseEntity<Resource> image(@PathVariable String userId, @PathVariable String name,
                                   @RequestHeader(name = EdgeHeaders.TENANT, defaultValue = "default") String tenant)
            throws IOException {
        int dot = name.lastIndexOf('.');
        String fileId = dot > 0 ? name.substring(0, dot) : name;
        StoredFile file = records.find(tenant, fileId);
        if (file == null || !file.user().equals(userId) || !file.isImage() || !file.filepath().equals("/images/" + userId + "/" + name)) {
            throw new ApiException.NotFound("Not Found", "File not found");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.type()))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate())
                .header("X-Content-Type-Options", "nosniff")
                .body(access.bytes(file));
    }

    @Configuration(proxyBeanMethods = false)
    static class PublicImages {
        @Bean
        PublicPaths publicImages() {
            return new PublicPaths("/images/**");
        }
    }
}
