package io.parley.file;

import com.nimbusds.jwt.SignedJWT;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.parley.proto.auth.v1.SetAvatarRequest;
import io.parley.proto.auth.v1.SetAvatarResponse;
import io.parley.proto.auth.v1.User;
import io.parley.proto.auth.v1.UserDirectoryGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * auth-service's {@code UserDirectory.SetAvatar} over real gRPC on loopback: it records the avatar per
 * (tenant, user) of the relayed token, and can be told to refuse. (auth-service's own tests cover
 * the real thing, including the token's verification.)
 */
public final class FakeUserDirectory {

    private static final Context.Key<String[]> CALLER = Context.key("caller");
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Map<String, String> avatars = new ConcurrentHashMap<>();
    private volatile boolean refusing;
    private final Server server;

    FakeUserDirectory() {
        UserDirectoryGrpc.UserDirectoryImplBase directory = new UserDirectoryGrpc.UserDirectoryImplBase() {
            @Override
            public void setAvatar(SetAvatarRequest request, StreamObserver<SetAvatarResponse> response) {
                String[] caller = CALLER.get();
                if (caller == null) {
                    response.onError(Status.UNAUTHENTICATED.asRuntimeException());
                    return;
                }
                if (refusing) {
                    response.onError(Status.UNAVAILABLE.withDescription("auth-service is down").asRuntimeException());
                    return;
                }
                avatars.put(caller[0] + "/" + caller[1], request.getUrl());
                response.onNext(SetAvatarResponse.newBuilder()
                        .setUser(User.newBuilder().setId(caller[1]).setAvatar(request.getUrl())).build());
                response.onCompleted();
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(directory, new io.grpc.ServerInterceptor() {
                    @Override
                    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                                       ServerCallHandler<Q, R> next) {
                        String header = headers.get(AUTHORIZATION);
                        String[] caller = null;
                        if (header != null && header.startsWith("Bearer ")) {
                            try {
                                var claims = SignedJWT.parse(header.substring(7)).getJWTClaimsSet();
                                caller = new String[] {claims.getStringClaim("tenant"), claims.getSubject()};
                            } catch (ParseException e) {
                                caller = null;
                            }
                        }
                        return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
                    }
                })).build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** The avatar URL set for the person, or null. */
    public String avatarOf(String tenant, String user) {
        return avatars.get(tenant + "/" + user);
    }

    public void refuse(boolean refuse) {
        this.refusing = refuse;
    }
}
