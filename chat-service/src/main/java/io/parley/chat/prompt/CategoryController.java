package io.parley.chat.prompt;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** LibreChat's prompt categories ({@code GET /api/categories}); labels are the client's translation keys. */
@RestController
class CategoryController {

    record Category(String label, String value) {
    }

    static final List<Category> CATEGORIES = List.of("idea", "travel", "teach_or_explain", "write", "shop",
            "code", "misc", "roleplay", "finance").stream().map(value -> new Category("com_ui_" + value, value)).toList();

    @GetMapping({"/api/categories", "/api/categories/"})
    List<Category> categories() {
        return CATEGORIES;
    }
}
