package io.parley.chat.prompt;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** LibreChat's prompt categories ({@code GET /api/categories}); labels are the client's translation keys. */
@RestController
class CategoryController {

    static final List<Map<String, String>> CATEGORIES = List.of("idea", "travel", "teach_or_explain", "write", "shop",
            "code", "misc", "roleplay", "finance").stream()
            .map(value -> Map.of("label", "com_ui_" + value, "value", value)).toList();

    @GetMapping({"/api/categories", "/api/categories/"})
    List<Map<String, String>> categories() {
        return CATEGORIES;
    }
}
