package io.parley.auth.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import io.parley.proto.auth.v1.FindUsersRequest;
import io.parley.proto.auth.v1.GetJwksRequest;
import io.parley.proto.auth.v1.GetUsersRequest;
import io.parley.proto.auth.v1.KeysGrpc;
import io.parley.proto.auth.v1.SetAvatarRequest;
import io.parley.proto.auth.v1.User;
import io.parley.proto.auth.v1.UserDirectoryGrpc;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Over a real loopback gRPC connection, as another service would call. */
class UserDirectoryGrpcIntegrationTest extends AuthIntegrationTest {

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = grpcChannel();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    @Test
    void findsUsersOfTheCallersTenantOnly() {
        String tenant = uniqueTenant();
        Http.Response alice = signedIn("X-Parley-Tenant", tenant);
        Http.Response bob = signedIn("X-Parley-Tenant", tenant);
        Http.Response stranger = signedIn("X-Parley-Tenant", uniqueTenant());

        var users = directory(token(alice)).getUsers(GetUsersRequest.newBuilder()
                .addUserIds(id(alice)).addUserIds(id(bob)).addUserIds(id(stranger)).addUserIds("not-an-id").build());

        assertThat(users.getUsersList()).extracting(User::getId).containsExactlyInAnyOrder(id(alice), id(bob));
        assertThat(users.getUsersList()).allSatisfy(u -> assertThat(u.getEmail()).isNotBlank());
    }

    @Test
    void thePeoplePickerMatchesEmailPrefixesWithinTheTenant() {
        String tenant = uniqueTenant();
        Http.Response alice = signedIn("X-Parley-Tenant", tenant);
        String email = alice.json().at("/user/email").asString();

        var found = directory(token(alice)).findUsers(FindUsersRequest.newBuilder().setQuery(email.substring(0, 5)).build());
        assertThat(found.getUsersList()).extracting(User::getEmail).containsExactly(email);

        var elsewhere = directory(token(signedIn("X-Parley-Tenant", uniqueTenant())))
                .findUsers(FindUsersRequest.newBuilder().setQuery(email).build());
        assertThat(elsewhere.getUsersList()).isEmpty();
    }

    @Test
    void withoutTheEndUsersTokenTheDirectoryRefuses() {
        var anonymous = UserDirectoryGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS);
        assertThatThrownBy(() -> anonymous.getUsers(GetUsersRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThatThrownBy(() -> directory("forged.token.value").getUsers(GetUsersRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void badArgumentsAreInvalidArgumentWithTheReason() {
        var stub = directory(token(signedIn()));
        GetUsersRequest tooMany = GetUsersRequest.newBuilder()
                .addAllUserIds(IntStream.range(0, 101).mapToObj(Integer::toString).toList()).build();
        assertThatThrownBy(() -> stub.getUsers(tooMany)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains("100");
        });
        assertThatThrownBy(() -> stub.findUsers(FindUsersRequest.newBuilder().setQuery("a").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void setAvatarChangesOnlyTheCallersOwnAvatar() {
        String tenant = uniqueTenant();
        Http.Response alice = signedIn("X-Parley-Tenant", tenant);
        Http.Response bob = signedIn("X-Parley-Tenant", tenant);
        String url = "/images/" + id(alice) + "/avatar-1.png";

        var set = directory(token(alice)).setAvatar(SetAvatarRequest.newBuilder().setUrl(url).build());

        assertThat(set.getUser().getId()).isEqualTo(id(alice));
        assertThat(set.getUser().getAvatar()).isEqualTo(url);
        var both = directory(token(bob)).getUsers(GetUsersRequest.newBuilder().addUserIds(id(alice)).addUserIds(id(bob)).build());
        assertThat(both.getUsersList()).extracting(User::getId, User::getAvatar)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(id(alice), url),
                        org.assertj.core.groups.Tuple.tuple(id(bob), ""));
    }

    @Test
    void setAvatarRefusesUrlsThatAreNeitherPathsNorHttp() {
        var stub = directory(token(signedIn()));
        for (String bad : new String[] {"", "javascript:alert(1)", "//evil.example/a.png", "/" + "a".repeat(2048)}) {
            assertThatThrownBy(() -> stub.setAvatar(SetAvatarRequest.newBuilder().setUrl(bad).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        }
    }

    @Test
    void theKeySetIsPublicOverGrpc() {
        String jwks = KeysGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
                .getJwks(GetJwksRequest.getDefaultInstance()).getJwksJson();
        assertThat(Http.parse(jwks).get("keys").isEmpty()).isFalse();
        assertThat(jwks).doesNotContain("\"d\"");
    }

    private UserDirectoryGrpc.UserDirectoryBlockingStub directory(String token) {
        return as(UserDirectoryGrpc.newBlockingStub(channel), token);
    }

    private static String token(Http.Response session) {
        return session.json().get("token").asString();
    }

    private static String id(Http.Response session) {
        return session.json().at("/user/id").asString();
    }
}
