package io.parley.file.avatar;

import io.grpc.StatusRuntimeException;
import io.parley.common.grpc.GrpcErrors;
import io.parley.proto.auth.v1.SetAvatarRequest;
import io.parley.proto.auth.v1.UserDirectoryGrpc;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** auth-service's {@code UserDirectory.SetAvatar}, for the person whose token the request carries. */
@Component
class UserAvatars {

    private final UserDirectoryGrpc.UserDirectoryBlockingStub directory;

    UserAvatars(GrpcChannelFactory channels) {
        this.directory = UserDirectoryGrpc.newBlockingStub(channels.createChannel("auth"));
    }

    /** @throws io.parley.common.error.ApiException mapped from the call's status (unreachable: 503) */
    void set(String url) {
        try {
            directory.setAvatar(SetAvatarRequest.newBuilder().setUrl(url).build());
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toApiException(e);
        }
    }
}
