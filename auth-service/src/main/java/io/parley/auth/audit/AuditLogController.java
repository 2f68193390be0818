package io.parley.auth.audit;

import io.parley.common.security.CurrentUser;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * LibreChat's {@code /api/admin/audit-log}: {@code GET /} ({@code {entries, total, nextCursor}}), {@code GET /:id},
 * {@code GET /export.csv} and {@code GET /verify} ({@code {ok, chainKey, checked, …}}). Read-only.
 */
@RestController
class AuditLogController {

    private final AuditLog log;

    AuditLogController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/api/admin/audit-log")
    AuditLog.Page list(CurrentUser caller, @RequestParam MultiValueMap<String, String> params) {
        return log.page(caller, params);
    }

    @GetMapping("/api/admin/audit-log/verify")
    AuditLog.Verification verify(CurrentUser caller) {
        return log.verify(caller);
    }

    @GetMapping("/api/admin/audit-log/export.csv")
    ResponseEntity<StreamingResponseBody> export(CurrentUser caller, @RequestParam MultiValueMap<String, String> params) {
        Consumer<Consumer<AuditEntry>> rows = log.export(caller, params);
        StreamingResponseBody body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write(AuditCsv.HEADER);
            try {
                rows.accept(entry -> {
                    try {
                        writer.write(AuditCsv.row(entry));
                    } catch (java.io.IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.flush();
        };
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-log.csv\"").body(body);
    }

    @GetMapping("/api/admin/audit-log/{id}")
    AuditLogView entry(CurrentUser caller, @PathVariable String id) {
        return log.entry(caller, id);
    }
}
