package io.parley.auth.banner;

import io.parley.auth.capability.Capability;
import io.parley.auth.capability.Capabilities;
import io.parley.auth.audit.AuditAction;
import io.parley.auth.audit.AuditEvent;
import io.parley.auth.audit.AuditTrail;
import io.parley.common.error.ApiException;
import io.parley.common.error.ApiException.FieldProblem;
import io.parley.common.security.CurrentUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The banner as an ADMIN writes it (LibreChat's {@code update-banner} and {@code delete-banner} scripts;
 * LibreChat has no route): {@code GET /api/admin/banner} (the one showing now, public or not),
 * {@code PUT /api/admin/banner}, {@code DELETE /api/admin/banner/:bannerId}. 403 for anyone else.
 */
@RestController
class BannerAdminController {

    static final int MAX_MESSAGE = 10_000;
    /** LibreChat's namespace for {@code uuidv5(message, …)}, so that a message keeps its id across tools. */
    private static final UUID NAMESPACE = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    private static final Logger log = LoggerFactory.getLogger(BannerAdminController.class);

    private final BannerStore banners;
    private final AuditTrail audit;
    private final Capabilities capabilities;

    BannerAdminController(BannerStore banners, AuditTrail audit, Capabilities capabilities) {
        this.banners = banners;
        this.audit = audit;
        this.capabilities = capabilities;
    }

    /**
     * @param displayFrom ISO-8601 instant; null for now
     * @param displayTo   ISO-8601 instant after {@code displayFrom}; null for never ending
     */
    record BannerRequest(String message, String displayFrom, String displayTo, Boolean isPublic, Boolean persistable) {
    }

    @GetMapping("/api/admin/banner")
    BannerView current(CurrentUser caller) {
        capabilities.require(caller, Capability.READ_CONFIGS);
        return banners.showing(caller.tenantId(), true, Instant.now()).map(BannerView::of)
                .orElseThrow(() -> new ApiException.NotFound("No banner found"));
    }

    /** Everything checked first; then the tenant's banner is replaced, or made. */
    @PutMapping("/api/admin/banner")
    BannerView replace(CurrentUser caller, @RequestBody(required = false) BannerRequest body) {
        capabilities.require(caller, Capability.MANAGE_CONFIGS);
        BannerRequest given = body == null ? new BannerRequest(null, null, null, null, null) : body;
        List<FieldProblem> problems = new ArrayList<>();
        String message = given.message() == null ? "" : given.message();
        if (message.isBlank() || message.length() > MAX_MESSAGE) {
            problems.add(new FieldProblem("message", "must be 1 to " + MAX_MESSAGE + " characters, not only spaces"));
        }
        Instant from = given.displayFrom() == null || given.displayFrom().isBlank() ? Instant.now()
                : instant("displayFrom", given.displayFrom(), problems);
        Instant to = given.displayTo() == null || given.displayTo().isBlank() ? null
                : instant("displayTo", given.displayTo(), problems);
        if (from != null && to != null && !to.isAfter(from)) {
            problems.add(new FieldProblem("displayTo", "must be after displayFrom"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException.Invalid("invalid_request", problems.getFirst().field() + " "
                    + problems.getFirst().message(), problems);
        }
        Banner banner = banners.replace(caller.tenantId(), new Banner(new ObjectId(), caller.tenantId(), bannerId(message),
                message, from, to, Banner.BANNER, Boolean.TRUE.equals(given.isPublic()),
                Boolean.TRUE.equals(given.persistable())));
        log.info("Banner replaced tenant_id={} banner_id={} by user_id={}", caller.tenantId(), banner.bannerId(), caller.id());
        audit.record(AuditEvent.success(caller.tenantId(), AuditAction.BANNER_UPDATED, AuditTrail.actor(caller),
                new AuditEvent.Target("banner", banner.bannerId(), null)).with("isPublic", banner.isPublic())
                .with("displayFrom", String.valueOf(from)).with("displayTo", to == null ? null : to.toString()));
        return BannerView.of(banner);
    }

    @DeleteMapping("/api/admin/banner/{bannerId}")
    Map<String, String> delete(CurrentUser caller, @PathVariable String bannerId) {
        capabilities.require(caller, Capability.MANAGE_CONFIGS);
        if (!banners.delete(caller.tenantId(), bannerId)) {
            throw new ApiException.NotFound("No banner found");
        }
        log.info("Banner deleted tenant_id={} banner_id={} by user_id={}", caller.tenantId(), bannerId, caller.id());
        audit.record(AuditEvent.success(caller.tenantId(), AuditAction.BANNER_DELETED, AuditTrail.actor(caller),
                new AuditEvent.Target("banner", bannerId, null)));
        return Map.of("message", "Banner deleted successfully");
    }

    private static Instant instant(String field, String value, List<FieldProblem> problems) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be a date and time such as 2026-01-31T09:00:00Z"));
            return null;
        }
    }

    /** A name-based UUID (version 5, SHA-1) of the message, as LibreChat's {@code uuidv5}: the same text keeps its id. */
    static String bannerId(String message) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(toBytes(NAMESPACE));
            byte[] hash = sha1.digest(message.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (hash[i] & 0xff);
                low = (low << 8) | (hash[i + 8] & 0xff);
            }
            return new UUID(high, low).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        long high = uuid.getMostSignificantBits();
        long low = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[i + 8] = (byte) (low >>> (56 - 8 * i));
        }
        return bytes;
    }

}
