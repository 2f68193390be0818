package io.parley.auth.capability;

import java.util.List;

/** What grants need to know of groups: {@code group.Groups} answers. */
public interface GroupMemberships {

    List<String> groupIdsOf(String tenantId, String userId);

    boolean exists(String tenantId, String groupId);
}
