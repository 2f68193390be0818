package io.parley.auth.balance;

import java.time.Instant;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A turn's right to be charged, opened by {@code Begin}: its random id is the capability {@code Settle}
 * needs, so a settlement does not depend on the user's short-lived access token.
 *
 * @param id           128-bit random, base64url without padding
 * @param user         the user's id, as LibreChat's balance and transactions reference it
 * @param promptTokens the prompt size {@code Begin} was asked about
 */
@Document(HoldStore.COLLECTION)
record Hold(@Id String id, String tenantId, ObjectId user, String conversationId, String messageId, String model,
            String endpoint, long promptTokens, Instant createdAt) {

    boolean openAt(Instant now) {
        return now.isBefore(createdAt.plus(HoldStore.LIFETIME));
    }
}
