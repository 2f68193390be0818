package io.parley.file.files;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.file.agent.AgentsClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code /api/files} routes on the records themselves: listing a person's or an agent's
 * files and deleting them, and the seed's single deletes beside them.
 */
@RestController
class FileController {

    private final FileAccess access;
    private final FileStore store;
    private final AgentsClient agents;

    FileController(FileAccess access, FileStore store, AgentsClient agents) {
        this.agents = agents;
        this.access = access;
        this.store = store;
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

    record DeleteRequest(List<FileRef> files, String agent_id) {
        record FileRef(String file_id, String filepath) {
        }
    }
}
