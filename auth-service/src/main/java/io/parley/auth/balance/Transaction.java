package io.parley.auth.balance;

import java.time.Instant;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One movement of credits, in LibreChat's transaction shape ({@code packages/data-schemas/src/schema/transaction.ts}).
 *
 * @param tokenType      "prompt", "completion", or "credits" (an auto-refill or an admin's change)
 * @param context        "message", "incomplete", "title", "autoRefill", "admin" (credits added) or
 *                       "deduct" (credits taken by an admin)
 * @param valueKey       the rate table key that priced the model; null for the default rate
 * @param rate           credits per token (USD per 1M tokens), incomplete's 1.15 included
 * @param rawAmount      tokens, negative for spends; credits for a refill
 * @param tokenValue     credits, negative for spends: {@code rawAmount × rate}
 * @param holdId         the hold settled; null for a refill
 * @param idempotencyKey unique: {@code hold/<holdId>/<context>/<tokenType>} or
 *                       {@code refill/<balance id>/<previous lastRefill>}, or
 *                       {@code admin/<tenant>/<requestId>} and {@code deduct/<tenant>/<requestId>}, so
 *                       that a retry writes nothing
 */
@Document(TransactionStore.COLLECTION)
record Transaction(@Id ObjectId id, String tenantId, ObjectId user, String conversationId, String messageId,
                   String tokenType, String model, String context, String valueKey, double rate, long rawAmount,
                   double tokenValue, String holdId, String idempotencyKey, Instant createdAt) {

    static String settlementKey(String holdId, String context, String tokenType) {
        return "hold/" + holdId + "/" + context + "/" + tokenType;
    }
}
