package io.parley.chat.transfer;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** LibreChat's {@code POST /api/convos/import} (multipart field {@code file}) and a JSON export of one conversation. */
@RestController
class TransferController {

    private final Transfers transfers;
    private final long maxBytes;

    TransferController(Transfers transfers, @Value("${parley.chat.import-max-file-size}") DataSize maxBytes) {
        this.transfers = transfers;
        this.maxBytes = maxBytes.toBytes();
    }

    @PostMapping("/api/convos/import")
    ResponseEntity<Map<String, String>> importFile(CurrentUser caller, @RequestParam(value = "file", required = false) MultipartFile file)
            throws IOException {
        if (file == null || file.isEmpty()) {
            throw ApiException.Invalid.field("file", "is required");
        }
        if (file.getSize() > maxBytes) {
            throw new ApiException.TooLarge("File exceeds the maximum allowed size");
        }
        JsonNode root;
        try (InputStream in = file.getInputStream()) {
            root = ImportJson.JSON.readTree(in);
        } catch (JacksonException e) {
            throw new ApiException.Invalid("invalid_import", "The file is not valid JSON", java.util.List.of());
        }
        int count = transfers.importAll(caller, Importers.read(root));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("message", "Conversation(s) imported successfully", "count", Integer.toString(count)));
    }

    @GetMapping("/api/convos/export/{conversationId}")
    ResponseEntity<Map<String, Object>> export(CurrentUser caller, @PathVariable String conversationId) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"conversation.json\"")
                .body(transfers.export(caller, conversationId));
    }
}
