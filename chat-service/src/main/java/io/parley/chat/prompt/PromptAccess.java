package io.parley.chat.prompt;

import io.parley.common.access.AccessClient;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.List;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * Who may do what with a prompt group: its author, and whoever auth-service's ACL ({@code Access},
 * resource type {@code promptGroup}) gives the bits — users, groups, roles or the public, shared
 * through LibreChat's {@code /api/permissions/promptGroup/:id}. The author keeps access even without
 * an entry, so groups made before sharing existed stay their author's.
 */
@Component
class PromptAccess {

    static final String TYPE = "promptGroup";
    /** A list shows at most this many shared groups; a bigger library is searched by name. */
    private static final int MAX_SHARED = 5_000;
    private static final Logger log = LoggerFactory.getLogger(PromptAccess.class);

    private final AccessClient access;

    PromptAccess(AccessClient access) {
        this.access = access;
    }

    /**
     * The groups the caller may list: their own and those shared with them; every group of the
     * tenant for an ADMIN. When auth-service cannot answer, the caller's own groups still list.
     */
    Criteria reachable(CurrentUser caller) {
        Criteria own = Criteria.where("author").is(caller.id());
        try {
            AccessClient.Accessible accessible = access.accessible(TYPE, AccessClient.VIEW, MAX_SHARED);
            if (accessible.all()) {
                return new Criteria();
            }
            List<ObjectId> shared = accessible.ids().stream().filter(ObjectId::isValid).map(ObjectId::new).toList();
            return shared.isEmpty() ? own : new Criteria().orOperator(own, Criteria.where("_id").in(shared));
        } catch (ApiException e) {
            log.warn("Shared prompt groups left out of a list: auth-service Access answered {}", e.error());
            return own;
        }
    }

    boolean canView(CurrentUser caller, PromptGroup group) {
        return allows(caller, group, AccessClient.VIEW);
    }

    boolean canEdit(CurrentUser caller, PromptGroup group) {
        return allows(caller, group, AccessClient.EDIT);
    }

    boolean canDelete(CurrentUser caller, PromptGroup group) {
        return allows(caller, group, AccessClient.DELETE);
    }

    /** Before a new group is stored: its author becomes its owner, so they can share it. */
    void created(String groupId) {
        access.grantOwner(TYPE, groupId);
    }

    /** After a group is deleted: its entries go too. */
    void deleted(String groupId) {
        try {
            access.revokeAll(TYPE, groupId);
        } catch (ApiException e) {
            // The group is gone; an entry left behind grants access to nothing.
            log.warn("ACL entries of deleted prompt group {} not removed: {}", groupId, e.error());
        }
    }

    private boolean allows(CurrentUser caller, PromptGroup group, int bit) {
        if (caller.id().equals(group.author())) {
            return true;
        }
        return access.check(TYPE, group.id(), bit).allowed();
    }
}
