package io.parley.auth.group;

/** Published after a group is deleted, so that what refers to it (ACL entries) can go too. */
public record GroupDeleted(String tenantId, String groupId) {
}
