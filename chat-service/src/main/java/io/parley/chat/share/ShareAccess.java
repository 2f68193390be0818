package io.parley.chat.share;

import io.parley.common.access.AccessClient;
import io.parley.common.error.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who may read a shared link besides its owner: whoever auth-service's ACL ({@code Access}, resource
 * type {@code sharedLink}, the link's {@code _id}) gives VIEW, shared through LibreChat's
 * {@code /api/permissions/sharedLink/:id}; the public's entry makes the link public. Every call acts for
 * the signed-in caller whose token the request carries.
 */
@Component
class ShareAccess {

    static final String TYPE = "sharedLink";
    /** A tenant with more public links than this is not synced from a list; reads still sync each link. */
    private static final int MAX_PUBLIC = 5_000;
    private static final Logger log = LoggerFactory.getLogger(ShareAccess.class);

    private final AccessClient access;

    ShareAccess(AccessClient access) {
        this.access = access;
    }

    /** Before a new link is stored: its creator becomes its owner, so they can share it. */
    void created(String linkId) {
        access.grantOwner(TYPE, linkId);
    }

    /** Gives the public the viewer role on the caller's link; answers whether the link is public afterwards. */
    boolean sharePublicly(String linkId) {
        return access.share(TYPE, linkId, new AccessClient.ShareChange(List.of(), List.of(), true, null)).isPublic();
    }

    /** The caller's view of a link, and whether the public holds VIEW on it. */
    Reach reach(String linkId) {
        AccessClient.Check check = access.check(TYPE, linkId, AccessClient.VIEW);
        return new Reach(check.allowed(), (check.publicBits() & AccessClient.VIEW) != 0);
    }

    /** The ids of the tenant's links the public may view; empty when there are too many to tell or auth-service cannot say. */
    Optional<Set<String>> publicLinks() {
        try {
            AccessClient.Accessible open = access.publiclyAccessible(TYPE, AccessClient.VIEW, MAX_PUBLIC + 1);
            return open.ids().size() > MAX_PUBLIC ? Optional.empty() : Optional.of(Set.copyOf(open.ids()));
        } catch (ApiException e) {
            log.warn("Public state of shared links not synced: auth-service Access answered {}", e.error());
            return Optional.empty();
        }
    }

    /** After a link is deleted: its entries go too. */
    void deleted(String linkId) {
        try {
            access.revokeAll(TYPE, linkId);
        } catch (ApiException e) {
            // The link is gone; an entry left behind grants access to nothing, and link ids are never reused.
            log.warn("ACL entries of deleted shared link {} not removed: {}", linkId, e.error());
        }
    }

    /** @param viewer whether the caller may view the link; {@code open} whether the public may */
    record Reach(boolean viewer, boolean open) {
    }
}
