package io.parley.file.limits;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** LibreChat's {@code GET /api/files/config}: the {@code fileConfig} the client checks an upload against first. */
@RestController
class FileConfigController {

    private final FileLimits limits;

    FileConfigController(FileLimits limits) {
        this.limits = limits;
    }

    @GetMapping("/api/files/config")
    Map<String, Object> config() {
        return limits.asConfigured();
    }
}
