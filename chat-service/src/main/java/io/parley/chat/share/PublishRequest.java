package io.parley.chat.share;

import io.parley.chat.support.Ids;
import io.parley.common.error.ApiException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The body of a create or update ({@code {targetMessageId?, snapshotFiles?}}), read only once the caller's
 * access to the conversation or link is settled. {@code snapshotFiles} is accepted and has no effect: no
 * file is ever shared (see {@link Anonymizer}).
 *
 * @param targetMessageId the branch's last message; null for none
 */
record PublishRequest(@Nullable String targetMessageId) {

    /** @throws ApiException.Invalid naming the field that is not as LibreChat's client sends it */
    static PublishRequest of(@Nullable Map<String, Object> body) {
        if (body == null) {
            return new PublishRequest(null);
        }
        Object target = body.get("targetMessageId");
        if (target != null && !(target instanceof String)) {
            throw ApiException.Invalid.field("targetMessageId", "must be a string");
        }
        Object files = body.get("snapshotFiles");
        if (files != null && !(files instanceof Boolean)) {
            throw ApiException.Invalid.field("snapshotFiles", "must be true or false");
        }
        return new PublishRequest(target == null ? null : Ids.requireUuid("targetMessageId", (String) target));
    }
}
