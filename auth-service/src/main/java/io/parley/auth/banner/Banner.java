package io.parley.auth.banner;

import java.time.Instant;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A banner of one tenant, with LibreChat's fields ({@code packages/data-schemas/src/schema/banner.ts}).
 * It shows from {@code displayFrom} until {@code displayTo} (never ends when null); one that is not
 * {@code isPublic} shows to signed-in people only; a {@code persistable} one cannot be dismissed.
 *
 * @param bannerId LibreChat's id of the banner (a UUID), by which the client remembers a dismissal
 * @param type     {@link #BANNER}; LibreChat's schema also knows {@code popup}, which no route shows
 */
@Document("banners")
record Banner(@Id ObjectId id, String tenantId, String bannerId, String message, Instant displayFrom,
              @Nullable Instant displayTo, String type, boolean isPublic, boolean persistable) {

    static final String BANNER = "banner";
}
