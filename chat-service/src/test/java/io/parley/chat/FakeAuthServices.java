package io.parley.chat;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.parley.proto.auth.v1.AuthSettingsGrpc;
import io.parley.proto.auth.v1.BalancesGrpc;
import io.parley.proto.auth.v1.BeginRequest;
import io.parley.proto.auth.v1.BeginResponse;
import io.parley.proto.auth.v1.GetPublicConfigRequest;
import io.parley.proto.auth.v1.GetPublicConfigResponse;
import io.parley.proto.auth.v1.SettleRequest;
import io.parley.proto.auth.v1.SettleResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * auth-service's {@code Balances} and {@code AuthSettings} as chat-service sees them, over real gRPC
 * on loopback: it records what chat-service asked, and can refuse a turn for want of balance.
 * (auth-service's own tests cover the accounting itself.)
 */
public final class FakeAuthServices {

    public final List<BeginRequest> begins = new CopyOnWriteArrayList<>();
    public final List<SettleRequest> settles = new CopyOnWriteArrayList<>();
    public volatile boolean refuse;
    private final Server server;

    public FakeAuthServices() {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new BalancesGrpc.BalancesImplBase() {
                    @Override
                    public void begin(BeginRequest request, StreamObserver<BeginResponse> answer) {
                        begins.add(request);
                        answer.onNext(refuse
                                ? BeginResponse.newBuilder().setAllowed(false).setBalanceEnabled(true).setBalance(10)
                                        .setTokenCost(request.getPromptTokens() * 2).build()
                                : BeginResponse.newBuilder().setAllowed(true).setHoldId(UUID.randomUUID().toString()).build());
                        answer.onCompleted();
                    }

                    @Override
                    public void settle(SettleRequest request, StreamObserver<SettleResponse> answer) {
                        settles.add(request);
                        answer.onNext(SettleResponse.getDefaultInstance());
                        answer.onCompleted();
                    }
                })
                .addService(new AuthSettingsGrpc.AuthSettingsImplBase() {
                    @Override
                    public void getPublicConfig(GetPublicConfigRequest request, StreamObserver<GetPublicConfigResponse> answer) {
                        answer.onNext(GetPublicConfigResponse.newBuilder().setRegistrationEnabled(true).setEmailLoginEnabled(true)
                                .setOpenidLabel("Continue with OpenID").setAllowAccountDeletion(true).build());
                        answer.onCompleted();
                    }
                })
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public void reset() {
        begins.clear();
        settles.clear();
        refuse = false;
    }
}
