package io.parley.chat.prompt;

import io.parley.chat.support.QueryNumbers;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code /api/prompts} routes; the specification's {@code PATCH/DELETE /api/prompts/:id} too.
 * Bodies are taken as sent and read into their records ({@link NewPrompt}, {@link PromptText},
 * {@link GroupFields}) only once the caller's access to the group is settled.
 */
@RestController
@RequestMapping("/api/prompts")
class PromptController {

    private final Prompts prompts;

    PromptController(Prompts prompts) {
        this.prompts = prompts;
    }

    record Message(String message) {
    }

    record Generations(int numberOfGenerations) {
    }

    @GetMapping("/groups")
    Prompts.Page groups(CurrentUser caller, @RequestParam(required = false) @Nullable String pageSize,
                        @RequestParam(required = false) @Nullable String limit,
                        @RequestParam(defaultValue = "1") String pageNumber,
                        @RequestParam(required = false) @Nullable String name,
                        @RequestParam(required = false) @Nullable String category) {
        return prompts.groups(caller, name, category, QueryNumbers.between("pageNumber", pageNumber, 1, 1_000_000),
                QueryNumbers.between("pageSize", pageSize != null ? pageSize : limit != null ? limit : "10", 1, 100));
    }

    @GetMapping("/all")
    List<Prompts.GroupView> all(CurrentUser caller, @RequestParam(required = false) @Nullable String name,
                                @RequestParam(required = false) @Nullable String category) {
        return prompts.all(caller, name, category);
    }

    @GetMapping("/groups/{groupId}")
    Prompts.GroupView group(CurrentUser caller, @PathVariable String groupId) {
        return prompts.view(caller, groupId);
    }

    @PostMapping({"", "/"})
    Prompts.Created create(CurrentUser caller, @RequestBody Map<String, Object> body) {
        return prompts.create(caller, NewPrompt.of(body));
    }

    @PostMapping("/groups/{groupId}/prompts")
    Prompts.Added addVersion(CurrentUser caller, @PathVariable String groupId, @RequestBody Map<String, Object> body) {
        PromptGroup group = prompts.editable(caller, groupId);
        return prompts.addVersion(caller, group, PromptText.of(body.get("prompt")));
    }

    /** LibreChat's form, and the specification's {@code PATCH /api/prompts/:id} (the id of a group). */
    @PatchMapping({"/groups/{groupId}", "/{groupId}"})
    Prompts.GroupView updateGroup(CurrentUser caller, @PathVariable String groupId, @RequestBody Map<String, Object> body) {
        PromptGroup group = prompts.editable(caller, groupId);
        return prompts.change(caller, group, GroupFields.of(body, true));
    }

    @PatchMapping("/{promptId}/tags/production")
    Message makeProduction(CurrentUser caller, @PathVariable String promptId) {
        prompts.makeProduction(caller, promptId);
        return new Message("Prompt production made successfully");
    }

    @PostMapping("/groups/{groupId}/use")
    Generations use(CurrentUser caller, @PathVariable String groupId) {
        return new Generations(prompts.use(caller, groupId));
    }

    @GetMapping("/{promptId}")
    Prompt prompt(CurrentUser caller, @PathVariable String promptId) {
        return prompts.prompt(caller, promptId);
    }

    @GetMapping({"", "/"})
    List<Prompt> versions(CurrentUser caller, @RequestParam(required = false) @Nullable String groupId) {
        if (groupId == null) {
            throw ApiException.Invalid.field("groupId", "is required");
        }
        return prompts.versions(caller, groupId);
    }

    @DeleteMapping("/{promptId}")
    Prompts.VersionDeleted deleteVersion(CurrentUser caller, @PathVariable String promptId) {
        return prompts.deleteVersion(caller, promptId);
    }

    @DeleteMapping("/groups/{groupId}")
    Message deleteGroup(CurrentUser caller, @PathVariable String groupId) {
        prompts.deleteGroup(caller, groupId);
        return new Message("Prompt group deleted successfully");
    }
}
