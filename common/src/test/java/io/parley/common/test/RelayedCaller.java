package io.parley.common.test;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.text.ParseException;

/**
 * For tests' stand-ins of another service's gRPC API: who the caller acts for, read from the access
 * token relayed in the {@code authorization} metadata. The signature is the caller's service's
 * business (its own tests check it); a call without a readable token is UNAUTHENTICATED, as the real
 * service answers.
 */
public final class RelayedCaller implements ServerInterceptor {

    /** The end user of a call: user id, tenant and role, as the token's claims name them. */
    public record Caller(String id, String tenant, String role) {
    }

    private static final Context.Key<Caller> CALLER = Context.key("relayed-caller");

    /** The caller of the call being served. */
    public static Caller current() {
        return CALLER.get();
    }

    /** {@code service} with its calls' callers known through {@link #current()}. */
    public static ServerServiceDefinition intercept(BindableService service) {
        return ServerInterceptors.intercept(service, new RelayedCaller());
    }

    /**
     * Starts {@code services} on a random loopback port, each knowing its callers as {@link #intercept}
     * does; the test stops the server when it is done with it (or leaves it to the JVM's end).
     */
    public static Server serve(BindableService... services) {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        for (BindableService service : services) {
            builder.addService(intercept(service));
        }
        try {
            return builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        String authorization = headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
        try {
            JWTClaimsSet claims = SignedJWT.parse(authorization.substring("Bearer ".length())).getJWTClaimsSet();
            Caller caller = new Caller(claims.getSubject(), claims.getStringClaim("tenant"), claims.getStringClaim("role"));
            return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
        } catch (ParseException | RuntimeException e) {
            call.close(Status.UNAUTHENTICATED.withDescription("No relayed access token"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
    }
}
