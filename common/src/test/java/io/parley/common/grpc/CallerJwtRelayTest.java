package io.parley.common.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.parley.common.security.CurrentUser;
import io.parley.common.security.KeysUnavailableException;
import io.parley.proto.auth.v1.GetUsersRequest;
import io.parley.proto.auth.v1.GetUsersResponse;
import io.parley.proto.auth.v1.User;
import io.parley.proto.auth.v1.UserDirectoryGrpc;
import io.parley.proto.common.v1.ImportDocumentsRequest;
import io.parley.proto.common.v1.ImportDocumentsResponse;
import io.parley.proto.common.v1.ImportOutcome;
import io.parley.proto.common.v1.ImportedDocumentNote;
import io.parley.proto.common.v1.LibreChatImportGrpc;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A service's outgoing call carries the end user's token; the callee sees that user, and only a valid token. */
class CallerJwtRelayTest {

    private static final String GOOD = "good-token";
    private static final String KEYS_DOWN = "token-while-keys-cannot-be-fetched";
    private static final String OPERATOR = "operator-token";

    /** Stands in for signature checking, which JwkSources and its tests cover. */
    private final JwtDecoder decoder = token -> {
        if (KEYS_DOWN.equals(token)) {
            throw new JwtException("no keys", new KeysUnavailableException(new IllegalStateException("auth-service down")));
        }
        if (OPERATOR.equals(token)) {
            return new Jwt(token, Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "ES256"),
                    Map.of("sub", "operator", "tenant", "acme", "role", "ADMIN"));
        }
        if (!GOOD.equals(token)) {
            throw new JwtException("bad token");
        }
        return jwt(token);
    };

    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        String name = UUID.randomUUID().toString();
        UserDirectoryGrpc.UserDirectoryImplBase echoCaller = new UserDirectoryGrpc.UserDirectoryImplBase() {
            @Override
            public void getUsers(GetUsersRequest request, StreamObserver<GetUsersResponse> response) {
                try {
                    CurrentUser caller = GrpcCaller.require();
                    response.onNext(GetUsersResponse.newBuilder()
                            .addUsers(User.newBuilder().setId(caller.id()).setRole(caller.tenantId())).build());
                    response.onCompleted();
                } catch (RuntimeException e) {
                    response.onError(Status.UNAUTHENTICATED.withDescription(e.getMessage()).asRuntimeException());
                }
            }
        };
        LibreChatImportGrpc.LibreChatImportImplBase importAsCaller = new LibreChatImportGrpc.LibreChatImportImplBase() {
            @Override
            public void importDocuments(ImportDocumentsRequest request, StreamObserver<ImportDocumentsResponse> response) {
                CurrentUser caller = GrpcCaller.require();
                response.onNext(ImportDocumentsResponse.newBuilder().setOutcome(ImportOutcome.newBuilder()
                        .addWarnings(ImportedDocumentNote.newBuilder().setId(caller.tenantId()).setReason(caller.role())))
                        .build());
                response.onCompleted();
            }
        };
        CallerJwtServerInterceptor interceptor = new CallerJwtServerInterceptor(decoder);
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(echoCaller, interceptor))
                .addService(ServerInterceptors.intercept(importAsCaller, interceptor)).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().intercept(new CallerJwtClientInterceptor()).build();
    }

    @AfterEach
    void stop() {
        SecurityContextHolder.clearContext();
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void theCurrentRequestsTokenTravelsAndTheCalleeSeesThatUser() {
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt(GOOD)));
        GetUsersResponse response = stub().getUsers(GetUsersRequest.getDefaultInstance());
        assertThat(response.getUsers(0).getId()).isEqualTo("user-1");
        assertThat(response.getUsers(0).getRole()).isEqualTo("acme");
    }

    @Test
    void withoutARequestThereIsNoUserAndTheCalleeRefuses() {
        assertThatThrownBy(() -> stub().getUsers(GetUsersRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void anInvalidRelayedTokenIsRefusedBeforeTheService() {
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt("forged")));
        assertThatThrownBy(() -> stub().getUsers(GetUsersRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(e.getStatus().getDescription()).isEqualTo("Invalid access token");
                });
    }

    @Test
    void aTokenThatCannotBeCheckedForWantOfKeysIsUnavailableNotUnauthenticated() {
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt(KEYS_DOWN)));
        assertThatThrownBy(() -> stub().getUsers(GetUsersRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }

    @Test
    void anOperatorsTokenIsTakenByTheLibreChatImportAndRefusedByEveryOtherService() {
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt(OPERATOR)));

        ImportDocumentsResponse imported = LibreChatImportGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
                .importDocuments(ImportDocumentsRequest.newBuilder().setCollection("users").build());

        assertThat(imported.getOutcome().getWarnings(0).getId()).isEqualTo("acme");
        assertThat(imported.getOutcome().getWarnings(0).getReason()).isEqualTo("ADMIN");
        assertThatThrownBy(() -> stub().getUsers(GetUsersRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                    assertThat(e.getStatus().getDescription()).contains("LibreChatImport");
                });
    }

    private UserDirectoryGrpc.UserDirectoryBlockingStub stub() {
        return UserDirectoryGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS);
    }

    private static Jwt jwt(String value) {
        return new Jwt(value, Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "ES256"),
                Map.of("sub", "user-1", "tenant", "acme", "role", "USER"));
    }
}
