package io.parley.common.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.parley.common.security.CurrentUser;
import io.parley.common.security.KeysUnavailableException;
import io.parley.common.security.OperatorConfinement;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Verifies the end user's token a caller relays in the {@code authorization} metadata and makes it
 * available through {@link GrpcCaller}. A call without one goes on without a user (public methods
 * such as the key set or health); a call with a bad one is refused at once, and so is an operator's
 * except on the services {@link OperatorConfinement#GRPC_SERVICES} names.
 */
final class CallerJwtServerInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final JwtDecoder decoder;

    CallerJwtServerInterceptor(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String header = headers.get(AUTHORIZATION);
        if (header == null) {
            return next.startCall(call, headers);
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            call.close(Status.UNAUTHENTICATED.withDescription("Expected a Bearer token"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        String token = header.substring(7).trim();
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            // Keys that cannot be fetched say nothing about the token: the caller may try again.
            Status status = KeysUnavailableException.isCauseOf(e)
                    ? Status.UNAVAILABLE.withDescription("The verification keys cannot be fetched right now")
                    : Status.UNAUTHENTICATED.withDescription("Invalid access token");
            call.close(status, new Metadata());
            return new ServerCall.Listener<>() { };
        }
        CurrentUser user = CurrentUser.from(jwt);
        if (user.isOperator()
                && !OperatorConfinement.GRPC_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
            // It stands for no person, and gRPC methods all act for one but the imports into its tenant.
            call.close(Status.PERMISSION_DENIED.withDescription(OperatorConfinement.GRPC_MESSAGE), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        Context context = Context.current()
                .withValue(GrpcCaller.USER, user)
                .withValue(GrpcCaller.TOKEN, token);
        return Contexts.interceptCall(context, call, headers, next);
    }
}
