package io.parley.agent.definition;

import io.parley.common.security.CurrentUser;
import java.time.Instant;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * An agent as lists read it (LibreChat's list projection), without its instructions, model or versions.
 *
 * @param avatar null whether never set or cleared
 */
public record AgentSummary(ObjectId objectId, String id, @Nullable String name, @Nullable String description,
                           @Nullable Avatar avatar, String author, String authorName, String category,
                           @Nullable SupportContact support_contact, boolean is_promoted, Instant updatedAt) {

    /** The author, for answers: LibreChat shows it to the author only. */
    @Nullable String authorShownTo(CurrentUser caller) {
        return caller.id().equals(author) ? author : null;
    }
}
