package io.parley.chat.prompt;

import io.parley.common.security.CurrentUser;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * Who may do what with a prompt group. Until ACL sharing exists (the access issue adds it through
 * auth-service's {@code Access} service), a group is its author's alone; this class is the one place
 * that changes when sharing plugs in.
 */
@Component
class PromptAccess {

    /** The groups the caller may list. */
    Criteria reachable(CurrentUser caller) {
        return Criteria.where("author").is(caller.id());
    }

    boolean canView(CurrentUser caller, Document group) {
        return caller.id().equals(group.getString("author"));
    }

    boolean canEdit(CurrentUser caller, Document group) {
        return caller.id().equals(group.getString("author"));
    }

    boolean canDelete(CurrentUser caller, Document group) {
        return caller.id().equals(group.getString("author"));
    }
}
