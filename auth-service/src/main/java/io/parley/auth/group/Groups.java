package io.parley.auth.group;

import io.parley.auth.capability.Capability;
import io.parley.auth.capability.Capabilities;
import io.parley.auth.capability.GroupMemberships;
import io.parley.auth.audit.AuditAction;
import io.parley.auth.audit.AuditEvent;
import io.parley.auth.audit.AuditTrail;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * A tenant's groups of users: managed by its ADMINs, and asked by access checks which groups a user
 * is in ({@link #groupIdsOf}). Everything stays inside one tenant.
 */
@Service
public class Groups implements GroupMemberships {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_MEMBERS_PER_CALL = 1000;

    private static final Logger log = LoggerFactory.getLogger(Groups.class);

    private final GroupStore groups;
    private final Users users;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Capabilities capabilities;
    private final Clock clock = Clock.systemUTC();

    Groups(GroupStore groups, Users users, ApplicationEventPublisher events, AuditTrail audit,
           Capabilities capabilities) {
        this.audit = audit;
        this.capabilities = capabilities;
        this.groups = groups;
        this.users = users;
        this.events = events;
    }

    /** Takes the user out of every group of the tenant (account deletion); returns how many groups listed them. */
    public long removeMemberEverywhere(String tenantId, String userId, Instant now) {
        return groups.removeMemberEverywhere(tenantId, userId, now);
    }

    /**
     * Ids (hex) of the groups of {@code tenantId} that have {@code userId} as a member; empty when
     * none. For access checks: a group is a principal like the user itself.
     */
    @Override
    public boolean exists(String tenantId, String groupId) {
        return groups.byId(tenantId, groupId).isPresent();
    }

    @Override
    public List<String> groupIdsOf(String tenantId, String userId) {
        return groups.idsWithMember(tenantId, userId);
    }

    /** The tenant's groups among {@code ids} (unknown and malformed ids are left out), for showing principals. */
    public List<GroupView> byIds(String tenantId, Collection<String> ids) {
        return groups.byIds(tenantId, ids).stream().map(GroupView::of).toList();
    }

    /** The tenant's groups whose name starts with {@code prefix} (literal, case-insensitive), by name. */
    public List<GroupView> search(String tenantId, String prefix, int limit) {
        return groups.list(tenantId, prefix).stream().limit(limit).map(GroupView::of).toList();
    }

    /** @throws ApiException.Conflict when the tenant already has a group with this name */
    GroupView create(CurrentUser caller, String name, String description) {
        capabilities.require(caller, Capability.MANAGE_GROUPS);
        String validName = validName(name);
        String validDescription = validDescription(description);
        Instant now = now();
        Group created = groups.insert(new Group(null, caller.tenantId(), validName,
                        validDescription == null ? "" : validDescription, List.of(), Group.LOCAL, now, now))
                .orElseThrow(Groups::duplicate);
        log.info("Group created tenant_id={} group_id={} by user_id={}", caller.tenantId(), created.id(), caller.id());
        audit.record(done(caller, AuditAction.GROUP_CREATED, created.id().toHexString(), created.name()));
        return GroupView.of(created);
    }

    /** The tenant's groups by name; {@code search} is a literal, case-insensitive name prefix (null or blank: all). */
    List<GroupView> list(CurrentUser caller, String search) {
        capabilities.require(caller, Capability.READ_GROUPS);
        String prefix = search == null || search.isBlank() ? null : search.trim();
        return groups.list(caller.tenantId(), prefix).stream().map(GroupView::of).toList();
    }

    /** @throws ApiException.NotFound for an unknown, malformed or other tenant's id */
    GroupView read(CurrentUser caller, String id) {
        capabilities.require(caller, Capability.READ_GROUPS);
        return GroupView.of(groups.byId(caller.tenantId(), id).orElseThrow(Groups::notFound));
    }

    /** Changes name and/or description (null: unchanged); at least one is required. */
    GroupView update(CurrentUser caller, String id, String name, String description) {
        capabilities.require(caller, Capability.MANAGE_GROUPS);
        if (name == null && description == null) {
            throw new ApiException.Invalid("name or description is required");
        }
        String validName = name == null ? null : validName(name);
        String validDescription = validDescription(description);
        try {
            Group updated = groups.update(caller.tenantId(), id, validName, validDescription, now())
                    .orElseThrow(Groups::notFound);
            log.info("Group changed tenant_id={} group_id={} by user_id={}", caller.tenantId(), id, caller.id());
            audit.record(done(caller, AuditAction.GROUP_UPDATED, id, updated.name()).with("name", validName)
                    .with("description", validDescription));
            return GroupView.of(updated);
        } catch (DuplicateKeyException e) {
            throw duplicate();
        }
    }

    /**
     * Adds users of the caller's tenant; those already in the group stay once. All or nothing: when
     * any id is not a user of the tenant, nothing changes and the 400 names those ids.
     */
    GroupView addMembers(CurrentUser caller, String id, List<String> userIds) {
        capabilities.require(caller, Capability.MANAGE_GROUPS);
        if (userIds == null || userIds.isEmpty()) {
            throw ApiException.Invalid.field("userIds", "must list at least one user id");
        }
        if (userIds.size() > MAX_MEMBERS_PER_CALL) {
            throw ApiException.Invalid.field("userIds", "at most " + MAX_MEMBERS_PER_CALL + " ids per call");
        }
        if (userIds.stream().anyMatch(userId -> userId == null || userId.isBlank())) {
            throw ApiException.Invalid.field("userIds", "must not contain empty ids");
        }
        groups.byId(caller.tenantId(), id).orElseThrow(Groups::notFound);
        Set<String> wanted = new LinkedHashSet<>(userIds);
        Set<String> known = users.byIds(caller.tenantId(), wanted).stream().map(User::idString)
                .collect(Collectors.toSet());
        List<String> unknown = new ArrayList<>(wanted);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new ApiException.Invalid("invalid_request", "Unknown user ids: " + String.join(", ", unknown),
                    unknown.stream().map(u -> new ApiException.FieldProblem("userIds", u)).toList());
        }
        Group updated = groups.addMembers(caller.tenantId(), id, wanted, now())
                .orElseThrow(Groups::notFound);
        log.info("Group members added tenant_id={} group_id={} count={} by user_id={}", caller.tenantId(), id,
                wanted.size(), caller.id());
        audit.record(done(caller, AuditAction.GROUP_MEMBER_ADDED, id, updated.name())
                .with("userIds", String.join(",", wanted)));
        return GroupView.of(updated);
    }

    /** Removes one member; removing someone who is not a member changes nothing and succeeds. */
    GroupView removeMember(CurrentUser caller, String id, String userId) {
        capabilities.require(caller, Capability.MANAGE_GROUPS);
        Group updated = groups.removeMember(caller.tenantId(), id, userId, now())
                .orElseThrow(Groups::notFound);
        log.info("Group member removed tenant_id={} group_id={} user_id={} by user_id={}", caller.tenantId(), id,
                userId, caller.id());
        audit.record(done(caller, AuditAction.GROUP_MEMBER_REMOVED, id, updated.name()).with("userId", userId));
        return GroupView.of(updated);
    }

    void delete(CurrentUser caller, String id) {
        capabilities.require(caller, Capability.MANAGE_GROUPS);
        if (!groups.delete(caller.tenantId(), id)) {
            throw notFound();
        }
        log.info("Group deleted tenant_id={} group_id={} by user_id={}", caller.tenantId(), id, caller.id());
        audit.record(done(caller, AuditAction.GROUP_DELETED, id, null));
        events.publishEvent(new GroupDeleted(caller.tenantId(), id));
    }

    private static AuditEvent done(CurrentUser caller, AuditAction action, String groupId, String name) {
        return AuditEvent.success(caller.tenantId(), action, AuditTrail.actor(caller),
                new AuditEvent.Target("group", groupId, name));
    }

    /** Milliseconds, as the store keeps them, so a response equals what a later read returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String validName(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw ApiException.Invalid.field("name", "must be 1 to " + MAX_NAME + " characters");
        }
        return trimmed;
    }

    /** @return the description, or null when not given */
    private static String validDescription(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw ApiException.Invalid.field("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }

    private static ApiException.NotFound notFound() {
        return new ApiException.NotFound("Group not found");
    }

    private static ApiException.Conflict duplicate() {
        return new ApiException.Conflict("A group with this name already exists");
    }
}
