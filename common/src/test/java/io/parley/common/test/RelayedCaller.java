package io.parley.common.test;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
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
