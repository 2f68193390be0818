package io.parley.chat.endpoint;

import io.grpc.StatusRuntimeException;
import io.parley.common.access.LastKnown;
import io.parley.common.error.ApiException;
import io.parley.proto.auth.v1.AuthSettingsGrpc;
import io.parley.proto.auth.v1.GetPublicConfigRequest;
import io.parley.proto.auth.v1.GetPublicConfigResponse;
import java.time.Duration;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/**
 * auth-service's sign-in settings ({@code parley.auth.v1.AuthSettings}) per tenant, on the {@code auth}
 * channel (its deadline). A client loads {@code /api/config} first, also while auth-service restarts: the
 * last known answer stands in for up to an hour.
 */
@Component
class SignInSettingsClient {

    private final AuthSettingsGrpc.AuthSettingsBlockingStub auth;
    private final LastKnown<String, GetPublicConfigResponse> known =
            new LastKnown<>("sign-in settings", Duration.ofHours(1), 10_000);

    SignInSettingsClient(GrpcChannelFactory channels) {
        this.auth = AuthSettingsGrpc.newBlockingStub(channels.createChannel("auth"));
    }

    /** @throws ApiException.Unavailable when auth-service cannot answer and nothing is known for the tenant */
    GetPublicConfigResponse of(String tenant) {
        try {
            return known.get(tenant == null ? "" : tenant, () -> auth.getPublicConfig(GetPublicConfigRequest.getDefaultInstance()));
        } catch (StatusRuntimeException e) {
            throw new ApiException.Unavailable("The sign-in settings are not available right now");
        }
    }
}
