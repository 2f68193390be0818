package io.parley.auth.banner;

import io.parley.auth.Tenants;
import io.parley.common.edge.EdgeHeaders;
import io.parley.common.security.CurrentUser;
import io.parley.common.security.OptionalCaller;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.NullNode;

/**
 * LibreChat's {@code GET /api/banner}, with optional authentication: the banner showing now in the
 * request's tenant, or JSON {@code null}. A missing or bad token reads as signed out, never as 401:
 * the client asks on every page, the sign-in page included.
 */
@RestController
class BannerController {

    private final BannerStore banners;
    private final OptionalCaller callers;

    BannerController(BannerStore banners, OptionalCaller callers) {
        this.banners = banners;
        this.callers = callers;
    }

    /** @return a {@link BannerView}, or a {@link NullNode} written as {@code null} (a plain null writes no body) */
    @GetMapping("/api/banner")
    Object banner(HttpServletRequest request) {
        Optional<CurrentUser> caller = callers.of(request);
        String tenant = caller.map(CurrentUser::tenantId)
                .orElseGet(() -> Tenants.of(request.getHeader(EdgeHeaders.TENANT)));
        return banners.showing(tenant, caller.isPresent(), Instant.now()).<Object>map(BannerView::of)
                .orElse(NullNode.getInstance());
    }
}
