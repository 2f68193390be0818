package io.parley.file.files;

import io.grpc.StatusRuntimeException;
import io.parley.common.grpc.GrpcErrors;
import io.parley.proto.auth.v1.SetAvatarRequest;
import io.parley.proto.auth.v1.UserDirectoryGrpc;
import java.util.concurrent.TimeUnit;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** auth-service's {@code UserDirectory.SetAvatar}, for the person whose token the request carries. */
@Component
class UserAvatars {

    private static final long DEADLINE_SECONDS = 2;

    private final UserDirectoryGrpc.UserDirectoryBlockingStub directory;

    UserAvatars(GrpcChannelFactory channels) {
        this.directory = UserDirectoryGrpc.newBlockingStub(channels.createChannel("auth"));
    }

    /** @throws io.parley.common.error.ApiException mapped from the call's status (unreachable: 503) */
    void set(String url) {
        try {
            directory.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .setAvatar(SetAvatarRequest.newBuilder().setUrl(url).build());
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toApiException(e);
        }
    }
}
