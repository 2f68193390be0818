package io.parley.auth.user;

import io.grpc.stub.StreamObserver;
import io.parley.common.error.ApiException;
import io.parley.common.grpc.GrpcCaller;
import io.parley.common.security.CurrentUser;
import io.parley.proto.auth.v1.FindUsersRequest;
import io.parley.proto.auth.v1.FindUsersResponse;
import io.parley.proto.auth.v1.GetUsersRequest;
import io.parley.proto.auth.v1.GetUsersResponse;
import io.parley.proto.auth.v1.SetAvatarRequest;
import io.parley.proto.auth.v1.SetAvatarResponse;
import io.parley.proto.auth.v1.UserDirectoryGrpc;
import java.util.List;
import org.springframework.stereotype.Service;

/** Users of the caller's tenant for other services; the tenant comes from the relayed token only. */
@Service
class UserDirectoryGrpcService extends UserDirectoryGrpc.UserDirectoryImplBase {

    static final int MAX_IDS = 100;
    static final int MAX_RESULTS = 50;
    static final int DEFAULT_RESULTS = 10;
    static final int MAX_AVATAR_URL = 2048;

    private final UserStore users;

    UserDirectoryGrpcService(UserStore users) {
        this.users = users;
    }

    @Override
    public void getUsers(GetUsersRequest request, StreamObserver<GetUsersResponse> response) {
        CurrentUser caller = GrpcCaller.require();
        if (request.getUserIdsCount() > MAX_IDS) {
            throw new ApiException.Invalid("At most " + MAX_IDS + " ids per call");
        }
        List<User> found = users.byIds(caller.tenantId(), request.getUserIdsList());
        response.onNext(GetUsersResponse.newBuilder().addAllUsers(found.stream().map(UserDirectoryGrpcService::toProto).toList()).build());
        response.onCompleted();
    }

    @Override
    public void findUsers(FindUsersRequest request, StreamObserver<FindUsersResponse> response) {
        CurrentUser caller = GrpcCaller.require();
        String query = request.getQuery().trim();
        if (query.length() < 2 || query.length() > 254) {
            throw new ApiException.Invalid("The query needs 2 to 254 characters");
        }
        int limit = request.getLimit() == 0 ? DEFAULT_RESULTS : request.getLimit();
        if (limit < 1 || limit > MAX_RESULTS) {
            throw new ApiException.Invalid("The limit must be between 1 and " + MAX_RESULTS);
        }
        List<User> found = users.search(caller.tenantId(), query, limit);
        response.onNext(FindUsersResponse.newBuilder().addAllUsers(found.stream().map(UserDirectoryGrpcService::toProto).toList()).build());
        response.onCompleted();
    }

    /** The caller's own avatar only: the person comes from the relayed token, never from the request. */
    @Override
    public void setAvatar(SetAvatarRequest request, StreamObserver<SetAvatarResponse> response) {
        CurrentUser caller = GrpcCaller.require();
        String url = request.getUrl();
        if (url.isEmpty() || url.length() > MAX_AVATAR_URL
                || !(url.startsWith("/") && !url.startsWith("//") || url.startsWith("https://") || url.startsWith("http://"))) {
            throw new ApiException.Invalid("The avatar URL must be a path or an http(s) URL of at most " + MAX_AVATAR_URL
                    + " characters");
        }
        User updated = users.setAvatar(caller.tenantId(), caller.id(), url)
                .orElseThrow(() -> new ApiException.NotFound("User not found"));
        response.onNext(SetAvatarResponse.newBuilder().setUser(toProto(updated)).build());
        response.onCompleted();
    }

    private static io.parley.proto.auth.v1.User toProto(User user) {
        return io.parley.proto.auth.v1.User.newBuilder()
                .setId(user.idString())
                .setName(nonNull(user.name()))
                .setUsername(nonNull(user.username()))
                .setEmail(nonNull(user.email()))
                .setAvatar(nonNull(user.avatar()))
                .setRole(nonNull(user.role()))
                .setProvider(nonNull(user.provider()))
                .build();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
