package io.parley.file.avatar;

import io.parley.common.security.CurrentUser;
import io.parley.file.agent.AgentsClient;
import io.parley.file.files.FileAccess;
import io.parley.file.files.StoredFile;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * LibreChat's {@code POST /api/files/images/avatar} (and the seed's {@code POST /api/user/avatar}, which the
 * gateway sends here): the image (at most {@code avatarSizeLimit}) is
 * stored as {@link AvatarImages} does, and its URL set on the person in auth-service. When auth-service refuses, the stored
 * avatar is removed again, so nothing is left that no one points at. The previous avatar stays a file
 * of the person (listed, deletable).
 */
@RestController
class AvatarController {

    private final AvatarImages avatarImages;
    private final FileAccess access;
    private final UserAvatars avatars;
    private final AgentsClient agents;

    AvatarController(AvatarImages avatarImages, FileAccess access, UserAvatars avatars, AgentsClient agents) {
        this.avatarImages = avatarImages;
        this.access = access;
        this.avatars = avatars;
        this.agents = agents;
    }

    @PostMapping(path = {"/api/files/images/avatar", "/api/user/avatar"}, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Map<String, String> upload(CurrentUser user, @RequestParam(required = false) MultipartFile file) throws IOException {
        StoredFile stored = avatarImages.store(user, file);
        try {
            avatars.set(stored.filepath());
        } catch (RuntimeException e) {
            access.delete(stored);
            throw e;
        }
        return Map.of("url", stored.filepath());
    }

    /**
     * LibreChat's {@code POST /api/files/images/agents/:agent_id/avatar}: whoever may not edit the agent
     * is refused before the body is read (any body, multipart or not; multipart is resolved lazily, so
     * nothing of it is parsed before this check). Then the same image handling, then agent-service sets
     * it on the agent (its role gates; a refusal there removes the image again) and the answer is the
     * agent, 201.
     */
    @PostMapping("/api/files/images/agents/{agentId}/avatar")
    ResponseEntity<String> uploadForAgent(CurrentUser user, @PathVariable String agentId, HttpServletRequest request)
            throws IOException {
        agents.requireEditable(agentId);
        MultipartFile file = request instanceof MultipartHttpServletRequest multipart ? multipart.getFile("file") : null;
        StoredFile stored = avatarImages.store(user, file);
        try {
            String agent = agents.setAvatar(agentId, stored.filepath(), stored.source());
            return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(agent);
        } catch (RuntimeException e) {
            access.delete(stored);
            throw e;
        }
    }
}
