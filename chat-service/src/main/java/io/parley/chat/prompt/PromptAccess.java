package io.parley.chat.prompt;

import io.grpc.StatusRuntimeException;
import io.parley.common.error.ApiException;
import io.parley.common.grpc.GrpcErrors;
import io.parley.common.security.CurrentUser;
import io.parley.proto.auth.v1.AccessGrpc;
import io.parley.proto.auth.v1.CheckAccessRequest;
import io.parley.proto.auth.v1.GrantOwnerRequest;
import io.parley.proto.auth.v1.ListAccessibleRequest;
import io.parley.proto.auth.v1.ListAccessibleResponse;
import io.parley.proto.auth.v1.RevokeAllRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.grpc.client.GrpcChannelFactory;
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
    static final int VIEW = 1;
    static final int EDIT = 2;
    static final int DELETE = 4;
    /** A list shows at most this many shared groups; a bigger library is searched by name. */
    private static final int MAX_SHARED = 5_000;
    private static final int PAGE = 1_000;
    private static final long DEADLINE_SECONDS = 2;
    private static final Logger log = LoggerFactory.getLogger(PromptAccess.class);

    private final AccessGrpc.AccessBlockingStub access;

    PromptAccess(GrpcChannelFactory channels) {
        this.access = AccessGrpc.newBlockingStub(channels.createChannel("auth"));
    }

    /**
     * The groups the caller may list: their own and those shared with them; every group of the
     * tenant for an ADMIN. When auth-service cannot answer, the caller's own groups still list.
     */
    Criteria reachable(CurrentUser caller) {
        Criteria own = Criteria.where("author").is(caller.id());
        try {
            List<ObjectId> shared = new ArrayList<>();
            String token = "";
            do {
                ListAccessibleResponse page = stub().listAccessible(ListAccessibleRequest.newBuilder()
                        .setResourceType(TYPE).setRequiredBits(VIEW).setPageSize(PAGE).setPageToken(token).build());
                if (page.getAll()) {
                    return new Criteria();
                }
                page.getResourceIdsList().stream().filter(ObjectId::isValid).map(ObjectId::new).forEach(shared::add);
                token = page.getNextPageToken();
            } while (!token.isEmpty() && shared.size() < MAX_SHARED);
            return shared.isEmpty() ? own : new Criteria().orOperator(own, Criteria.where("_id").in(shared));
        } catch (StatusRuntimeException e) {
            log.warn("Shared prompt groups left out of a list: auth-service Access answered {}", e.getStatus().getCode());
            return own;
        }
    }

    boolean canView(CurrentUser caller, Document group) {
        return allows(caller, group, VIEW);
    }

    boolean canEdit(CurrentUser caller, Document group) {
        return allows(caller, group, EDIT);
    }

    boolean canDelete(CurrentUser caller, Document group) {
        return allows(caller, group, DELETE);
    }

    /** Before a new group is stored: its author becomes its owner, so they can share it. */
    void created(ObjectId groupId) {
        call(() -> stub().grantOwner(GrantOwnerRequest.newBuilder().setResourceType(TYPE)
                .setResourceId(groupId.toHexString()).build()));
    }

    /** After a group is deleted: its entries go too. */
    void deleted(ObjectId groupId) {
        try {
            stub().revokeAll(RevokeAllRequest.newBuilder().setResourceType(TYPE).setResourceId(groupId.toHexString()).build());
        } catch (StatusRuntimeException e) {
            // The group is gone; an entry left behind grants access to nothing.
            log.warn("ACL entries of deleted prompt group {} not removed: {}", groupId, e.getStatus().getCode());
        }
    }

    private boolean allows(CurrentUser caller, Document group, int bit) {
        if (caller.id().equals(group.getString("author"))) {
            return true;
        }
        return call(() -> stub().check(CheckAccessRequest.newBuilder().setResourceType(TYPE)
                .setResourceId(group.getObjectId("_id").toHexString()).setRequiredBits(bit).build()).getAllowed());
    }

    private AccessGrpc.AccessBlockingStub stub() {
        return access.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    private static <T> T call(Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toApiException(e);
        }
    }
}
