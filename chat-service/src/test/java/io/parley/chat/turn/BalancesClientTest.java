package io.parley.chat.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.parley.common.grpc.GrpcAutoConfiguration;
import io.parley.proto.auth.v1.BalancesGrpc;
import io.parley.proto.auth.v1.BeginRequest;
import io.parley.proto.auth.v1.BeginResponse;
import io.parley.proto.auth.v1.SettleRequest;
import io.parley.proto.auth.v1.SettleResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.CompositeChannelFactoryAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The balances client with the common gRPC client interceptor, on a thread that acts for the person
 * (as a turn's job thread does): a hold is begun with the person's token and settled without it, since
 * a turn may outlast its token.
 */
@SpringBootTest(classes = BalancesClient.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ImportAutoConfiguration({SslAutoConfiguration.class, GrpcClientAutoConfiguration.class,
        CompositeChannelFactoryAutoConfiguration.class, GrpcAutoConfiguration.class})
class BalancesClientTest {

    private static final String TOKEN = "the-persons-access-token";
    /** The authorization each Balances call arrived with, by method name; "none" for none. */
    private static final Map<String, String> AUTHORIZATION = new ConcurrentHashMap<>();
    private static final Server AUTH = start();

    @DynamicPropertySource
    static void channel(DynamicPropertyRegistry registry) {
        registry.add("spring.grpc.client.channels.auth.address", () -> "static://127.0.0.1:" + AUTH.getPort());
    }

    @Autowired
    BalancesClient balances;

    @BeforeEach
    void actForThePerson() {
        AUTHORIZATION.clear();
        Jwt jwt = Jwt.withTokenValue(TOKEN).header("alg", "RS256").subject("user-1").build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
    }

    @AfterEach
    void forgetThePerson() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void beginsAHoldWithThePersonsToken() {
        balances.begin("tenant-1", "convo-1", "message-1", "model", "endpoint", 10);

        assertThat(AUTHORIZATION).containsEntry("Begin", "Bearer " + TOKEN);
    }

    @Test
    void settlesAHoldWithoutThePersonsTokenAndLeavesTheThreadActingForThem() {
        balances.settle("hold-1", "message", 10, 5, "model");

        assertThat(AUTHORIZATION).containsEntry("Settle", "none");
        assertThat(SecurityContextHolder.getContext().getAuthentication())
                .isInstanceOfSatisfying(JwtAuthenticationToken.class, jwt -> assertThat(jwt.getToken().getTokenValue())
                        .isEqualTo(TOKEN));
    }

    private static Server start() {
        ServerInterceptor recordAuthorization = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                String authorization = headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
                AUTHORIZATION.put(call.getMethodDescriptor().getBareMethodName(),
                        Optional.ofNullable(authorization).orElse("none"));
                return next.startCall(call, headers);
            }
        };
        BalancesGrpc.BalancesImplBase service = new BalancesGrpc.BalancesImplBase() {
            @Override
            public void begin(BeginRequest request, StreamObserver<BeginResponse> answer) {
                answer.onNext(BeginResponse.newBuilder().setAllowed(true).setHoldId("hold-1").build());
                answer.onCompleted();
            }

            @Override
            public void settle(SettleRequest request, StreamObserver<SettleResponse> answer) {
                answer.onNext(SettleResponse.getDefaultInstance());
                answer.onCompleted();
            }
        };
        try {
            return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(ServerInterceptors.intercept(service, recordAuthorization)).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
