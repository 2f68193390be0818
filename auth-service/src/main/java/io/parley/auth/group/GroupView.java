package io.parley.auth.group;

import java.time.Instant;
import java.util.List;

/** A group as the admin API returns it; {@code description} is never null (empty when not given). */
public record GroupView(String id, String name, String description, List<String> memberIds, String source,
                 Instant createdAt, Instant updatedAt) {

    static GroupView of(Group group) {
        return new GroupView(group.id().toHexString(), group.name(),
                group.description() == null ? "" : group.description(),
                group.memberIds() == null ? List.of() : group.memberIds(), group.source(), group.createdAt(),
                group.updatedAt());
    }
}
