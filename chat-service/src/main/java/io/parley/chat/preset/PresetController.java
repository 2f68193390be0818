package io.parley.chat.preset;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code /api/presets} (create-or-update by POST, {@code POST /delete}) and the specification's
 * PUT/DELETE by id. A body is taken as sent and read into {@link PresetChanges} only once the preset id is
 * known to be the caller's (or free), so that a stranger's id is 404 whatever the body holds.
 */
@RestController
@RequestMapping("/api/presets")
class PresetController {

    private final Presets presets;

    PresetController(Presets presets) {
        this.presets = presets;
    }

    /** LibreChat's answer to a delete by body. */
    record Deleted(boolean acknowledged, long deletedCount) {
    }

    @GetMapping({"", "/"})
    List<Preset> all(CurrentUser caller) {
        return presets.all(caller);
    }

    @PostMapping({"", "/"})
    ResponseEntity<Preset> save(CurrentUser caller, @RequestBody Map<String, Object> body) {
        String presetId = presets.claim(caller, body.get("presetId"));
        return ResponseEntity.status(HttpStatus.CREATED).body(presets.save(caller, presetId, PresetChanges.of(body)));
    }

    @PutMapping("/{presetId}")
    Preset update(CurrentUser caller, @PathVariable String presetId, @RequestBody Map<String, Object> body) {
        String id = presets.requireOwn(caller, presetId);
        return presets.update(caller, id, PresetChanges.of(body));
    }

    @DeleteMapping("/{presetId}")
    ResponseEntity<Void> delete(CurrentUser caller, @PathVariable String presetId) {
        if (presets.delete(caller, presetId) == 0) {
            throw Presets.notFound();
        }
        return ResponseEntity.noContent().build();
    }

    /** LibreChat's form: {@code {presetId}} deletes one; without it, all of the caller's presets. LibreChat answers 201. */
    @PostMapping("/delete")
    @ResponseStatus(HttpStatus.CREATED)
    Deleted deleteByBody(CurrentUser caller, @RequestBody(required = false) @Nullable Map<String, Object> body) {
        Object presetId = body == null ? null : body.get("presetId");
        if (presetId != null && !(presetId instanceof String)) {
            throw ApiException.Invalid.field("presetId", "must be text");
        }
        return new Deleted(true, presets.delete(caller, (String) presetId));
    }
}
