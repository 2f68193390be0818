package io.parley.auth.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.parley.auth.AuthIntegrationTest;
import io.parley.proto.auth.v1.CheckPermissionRequest;
import io.parley.proto.auth.v1.RolesGrpc;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code parley.auth.v1.Roles} over a real loopback gRPC connection, as another service would call it. */
class RolesGrpcIntegrationTest extends AuthIntegrationTest {

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = grpcChannel();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    private String token(String tenant) {
        return signedIn("X-Parley-Tenant", tenant).json().get("token").asString();
    }

    private RolesGrpc.RolesBlockingStub roles(String token) {
        return as(RolesGrpc.newBlockingStub(channel), token);
    }

    private static CheckPermissionRequest check(String type, String permission) {
        return CheckPermissionRequest.newBuilder().setPermissionType(type).setPermission(permission).build();
    }

    @Test
    void aUsersRoleAllowsWhatItsDefaultsGrantAndNothingElse() {
        String tenant = uniqueTenant();
        String admin = token(tenant);
        String member = token(tenant);

        assertThat(roles(member).checkPermission(check("PROMPTS", "USE")).getAllowed()).isTrue();
        assertThat(roles(member).checkPermission(check("PROMPTS", "SHARE")).getAllowed()).isFalse();
        assertThat(roles(member).checkPermission(check("MARKETPLACE", "USE")).getAllowed()).isFalse();
        assertThat(roles(admin).checkPermission(check("PROMPTS", "SHARE")).getAllowed()).isTrue();
        assertThat(roles(admin).checkPermission(check("MARKETPLACE", "USE")).getAllowed()).isFalse();
    }

    @Test
    void anAdminsChangeAppliesToTheNextCheck() {
        String tenant = uniqueTenant();
        String admin = token(tenant);
        String member = token(tenant);

        http.send("PUT", "/api/roles/USER/agents", "{\"USE\":false,\"SHARE\":true}", "Authorization", "Bearer " + admin);

        assertThat(roles(member).checkPermission(check("AGENTS", "USE")).getAllowed()).isFalse();
        assertThat(roles(member).checkPermission(check("AGENTS", "SHARE")).getAllowed()).isTrue();
        assertThat(roles(token(uniqueTenant())).checkPermission(check("AGENTS", "SHARE")).getAllowed()).isTrue();
        assertThat(roles(token(uniqueTenant())).checkPermission(check("AGENTS", "USE")).getAllowed()).isTrue();
    }

    @Test
    void anUnknownPermissionTypeOrPermissionIsAnInvalidArgument() {
        String member = token(uniqueTenant());

        assertThatThrownBy(() -> roles(member).checkPermission(check("SKILLS", "USE")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThatThrownBy(() -> roles(member).checkPermission(check("PROMPTS", "DELETE")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThatThrownBy(() -> roles(member).checkPermission(check("", "")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void aCallWithoutTheUsersTokenIsUnauthenticated() {
        var anonymous = RolesGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS);

        assertThatThrownBy(() -> anonymous.checkPermission(check("PROMPTS", "USE")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThatThrownBy(() -> roles("not-a-token").checkPermission(check("PROMPTS", "USE")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }
}
