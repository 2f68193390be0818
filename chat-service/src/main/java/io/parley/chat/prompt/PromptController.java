package io.parley.chat.prompt;

import io.parley.chat.support.QueryNumbers;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** LibreChat's {@code /api/prompts} routes; the specification's {@code PATCH/DELETE /api/prompts/:id} too. */
@RestController
@RequestMapping("/api/prompts")
class PromptController {

    private final Prompts prompts;

    PromptController(Prompts prompts) {
        this.prompts = prompts;
    }

    @GetMapping("/groups")
    Prompts.Page groups(CurrentUser caller, @RequestParam(required = false) String pageSize,
                        @RequestParam(required = false) String limit, @RequestParam(defaultValue = "1") String pageNumber,
                        @RequestParam(required = false) String name, @RequestParam(required = false) String category) {
        return prompts.groups(caller, name, category, QueryNumbers.between("pageNumber", pageNumber, 1, 1_000_000),
                QueryNumbers.between("pageSize", pageSize != null ? pageSize : limit != null ? limit : "10", 1, 100));
    }

    @GetMapping("/all")
    List<Map<String, Object>> all(CurrentUser caller, @RequestParam(required = false) String name,
                                  @RequestParam(required = false) String category) {
        return prompts.all(caller, name, category);
    }

    @GetMapping("/groups/{groupId}")
    Map<String, Object> group(CurrentUser caller, @PathVariable String groupId) {
        return prompts.group(caller, groupId);
    }

    record NewPrompt(Map<String, Object> prompt, Map<String, Object> group) {
    }

    @PostMapping({"", "/"})
    Map<String, Object> create(CurrentUser caller, @RequestBody NewPrompt body) {
        return prompts.create(caller, body.prompt(), body.group());
    }

    @PostMapping("/groups/{groupId}/prompts")
    Map<String, Object> addVersion(CurrentUser caller, @PathVariable String groupId, @RequestBody NewPrompt body) {
        return prompts.addVersion(caller, groupId, body.prompt());
    }

    /** LibreChat's form, and the specification's {@code PATCH /api/prompts/:id} (the id of a group). */
    @PatchMapping({"/groups/{groupId}", "/{groupId}"})
    Map<String, Object> updateGroup(CurrentUser caller, @PathVariable String groupId, @RequestBody Map<String, Object> body) {
        return prompts.updateGroup(caller, groupId, body);
    }

    @PatchMapping("/{promptId}/tags/production")
    Map<String, String> makeProduction(CurrentUser caller, @PathVariable String promptId) {
        prompts.makeProduction(caller, promptId);
        return Map.of("message", "Prompt production made successfully");
    }

    @PostMapping("/groups/{groupId}/use")
    Map<String, Integer> use(CurrentUser caller, @PathVariable String groupId) {
        return Map.of("numberOfGenerations", prompts.use(caller, groupId));
    }

    @GetMapping("/{promptId}")
    Map<String, Object> prompt(CurrentUser caller, @PathVariable String promptId) {
        return prompts.promptView(caller, promptId);
    }

    @GetMapping({"", "/"})
    List<Map<String, Object>> versions(CurrentUser caller, @RequestParam(required = false) String groupId) {
        if (groupId == null) {
            throw ApiException.Invalid.field("groupId", "is required");
        }
        return prompts.versions(caller, groupId);
    }

    @DeleteMapping("/{promptId}")
    Map<String, Object> deleteVersion(CurrentUser caller, @PathVariable String promptId) {
        return prompts.deleteVersion(caller, promptId);
    }

    @DeleteMapping("/groups/{groupId}")
    Map<String, String> deleteGroup(CurrentUser caller, @PathVariable String groupId) {
        prompts.deleteGroup(caller, groupId);
        return Map.of("message", "Prompt group deleted successfully");
    }

}
