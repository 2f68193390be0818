package io.parley.agent.marketplace;

import io.parley.agent.definition.AgentPage;
import io.parley.agent.definition.ListQuery;
import io.parley.common.security.CurrentUser;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The specification's marketplace routes ({@code /api/agents/marketplace}, {@code /:id/install}) and
 * LibreChat's {@code GET /api/agents/categories}.
 */
@RestController
@RequestMapping("/api/agents")
class MarketplaceController {

    private final Marketplace marketplace;

    MarketplaceController(Marketplace marketplace) {
        this.marketplace = marketplace;
    }

    /** {@code limit} 1–100 (default 24, clamped), {@code category}, {@code search}, {@code promoted}, {@code installed=1}, {@code cursor}. */
    @GetMapping({"/marketplace", "/marketplace/"})
    AgentPage<MarketplaceItem> list(CurrentUser caller, @RequestParam(required = false) @Nullable String category,
                                    @RequestParam(required = false) @Nullable String search,
                                    @RequestParam(required = false) @Nullable String promoted,
                                    @RequestParam(required = false) @Nullable String installed,
                                    @RequestParam(required = false) @Nullable String cursor,
                                    @RequestParam(required = false) @Nullable String limit) {
        return marketplace.list(caller, ListQuery.filter(category, search, promoted), "1".equals(installed) || "true".equals(installed),
                cursor, ListQuery.limit(limit, Marketplace.DEFAULT_LIMIT, Marketplace.MAX_LIMIT));
    }

    @GetMapping("/marketplace/categories")
    List<Category> marketplaceCategories(CurrentUser caller) {
        return marketplace.categories(caller, true);
    }

    @GetMapping("/categories")
    List<Category> categories(CurrentUser caller) {
        return marketplace.categories(caller, false);
    }

    @PostMapping("/{id}/install")
    Installation install(CurrentUser caller, @PathVariable String id) {
        return marketplace.install(caller, id);
    }

    @DeleteMapping("/{id}/install")
    Installation uninstall(CurrentUser caller, @PathVariable String id) {
        return marketplace.uninstall(caller, id);
    }
}
