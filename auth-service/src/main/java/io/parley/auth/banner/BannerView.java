package io.parley.auth.banner;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A banner as LibreChat's client receives it; {@code displayTo} is null for one that never ends. */
record BannerView(String bannerId, String message, Instant displayFrom, @Nullable Instant displayTo, String type,
                  @JsonProperty("isPublic") boolean isPublic, boolean persistable) {

    static BannerView of(Banner banner) {
        return new BannerView(banner.bannerId(), banner.message(), banner.displayFrom(), banner.displayTo(),
                banner.type(), banner.isPublic(), banner.persistable());
    }
}
