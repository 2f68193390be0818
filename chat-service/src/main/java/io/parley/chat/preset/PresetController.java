package io.parley.chat.preset;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Map;
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

/** LibreChat's {@code /api/presets} (create-or-update by POST, {@code POST /delete}) and the specification's PUT/DELETE by id. */
@RestController
@RequestMapping("/api/presets")
class PresetController {

    private final Presets presets;

    PresetController(Presets presets) {
        this.presets = presets;
    }

    @GetMapping({"", "/"})
    List<Map<String, Object>> all(CurrentUser caller) {
        return presets.all(caller);
    }

    @PostMapping({"", "/"})
    ResponseEntity<Map<String, Object>> save(CurrentUser caller, @RequestBody Map<String, Object> body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(presets.save(caller, body));
    }

    @PutMapping("/{presetId}")
    Map<String, Object> update(CurrentUser caller, @PathVariable String presetId, @RequestBody Map<String, Object> body) {
        return presets.update(caller, presetId, body);
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
    Map<String, Object> deleteByBody(CurrentUser caller, @RequestBody(required = false) Map<String, Object> body) {
        Object presetId = body == null ? null : body.get("presetId");
        if (presetId != null && !(presetId instanceof String)) {
            throw ApiException.Invalid.field("presetId", "must be text");
        }
        long deleted = presets.delete(caller, (String) presetId);
        return Map.of("acknowledged", true, "deletedCount", deleted);
    }
}
