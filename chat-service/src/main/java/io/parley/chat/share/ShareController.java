package io.parley.chat.share;

import io.parley.chat.support.PageRequest;
import io.parley.common.edge.EdgeHeaders;
import io.parley.common.error.ApiException;
import io.parley.common.paging.Keyset;
import io.parley.common.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
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
 * LibreChat's {@code /api/share} routes. Every route but the public read needs a signed-in person, whom
 * {@link ShareCallers} finds (see there why not the usual {@code CurrentUser} parameter); bodies are taken
 * as sent and read only once the caller's access is settled.
 */
@RestController
@RequestMapping("/api/share")
class ShareController {

    private static final Map<String, Keyset.Kind> SORTABLE = Map.of("createdAt", Keyset.Kind.DATE,
            "updatedAt", Keyset.Kind.DATE, "title", Keyset.Kind.TEXT);
    private static final int MAX_SEARCH = 256;
    /** The gateway always names the tenant; called directly, a request is the default tenant's (as auth-service has it). */
    private static final String DEFAULT_TENANT = "default";
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private final SharedLinks links;
    private final ShareCallers callers;

    ShareController(SharedLinks links, ShareCallers callers) {
        this.links = links;
        this.callers = callers;
    }

    /** LibreChat's default page is 10 links, newest first. */
    @GetMapping
    SharedLinks.Page list(CurrentUser caller, @RequestParam(required = false) @Nullable String pageSize,
                          @RequestParam(required = false) @Nullable String isPublic,
                          @RequestParam(required = false) @Nullable String sortBy,
                          @RequestParam(required = false) @Nullable String sortDirection,
                          @RequestParam(required = false) @Nullable String search,
                          @RequestParam(required = false) @Nullable String cursor) {
        PageRequest page = PageRequest.of(sortBy, "createdAt", SORTABLE, sortDirection,
                pageSize == null || pageSize.isBlank() ? "10" : pageSize, "pageSize", cursor);
        Boolean publicOnly = switch (isPublic == null ? "" : isPublic) {
            case "" -> null;
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.Invalid.field("isPublic", "must be true or false");
        };
        String text = search == null || search.isBlank() ? null : search.trim();
        if (text != null && text.length() > MAX_SEARCH) {
            throw ApiException.Invalid.field("search", "must be at most " + MAX_SEARCH + " characters");
        }
        return links.list(caller, publicOnly, text, page);
    }

    @GetMapping("/link/{conversationId}")
    SharedLinks.LinkStatus link(CurrentUser caller, @PathVariable String conversationId) {
        return links.linkOf(caller, conversationId);
    }

    /** The public read: a token, when sent and valid, makes the reader known; a bad one reads as signed out. */
    @GetMapping("/{shareId}")
    ResponseEntity<SharedConversation> read(HttpServletRequest request, @PathVariable String shareId) {
        Optional<CurrentUser> reader = callers.maybe(request);
        String tenant = reader.map(CurrentUser::tenantId).orElseGet(() -> tenantOf(request));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore().cachePrivate()).body(links.read(tenant, reader, shareId));
    }

    @PostMapping("/{conversationId}")
    SharedLinks.Published create(CurrentUser caller, @PathVariable String conversationId,
                                 @RequestBody(required = false) @Nullable Map<String, Object> body) {
        return links.create(caller, conversationId, body);
    }

    @PatchMapping("/{shareId}")
    SharedLinks.Published update(CurrentUser caller, @PathVariable String shareId,
                                 @RequestBody(required = false) @Nullable Map<String, Object> body) {
        return links.update(caller, shareId, body);
    }

    @DeleteMapping("/{shareId}")
    SharedLinks.Deleted delete(CurrentUser caller, @PathVariable String shareId) {
        return links.delete(caller, shareId);
    }

    private static String tenantOf(HttpServletRequest request) {
        String tenant = request.getHeader(EdgeHeaders.TENANT);
        if (tenant == null || tenant.isBlank()) {
            return DEFAULT_TENANT;
        }
        if (!TENANT.matcher(tenant).matches()) {
            throw new ApiException.Invalid("Unknown tenant");
        }
        return tenant;
    }
}
