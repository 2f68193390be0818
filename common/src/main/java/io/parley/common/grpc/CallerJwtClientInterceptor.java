package io.parley.common.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.parley.common.request.RequestIds;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Relays the end user's access token (of the HTTP request or gRPC call being served) and the request
 * id on every outgoing call, so the callee authorizes the person and logs under the same id.
 */
final class CallerJwtClientInterceptor implements ClientInterceptor {

    private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of(RequestIds.HEADER, Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                String token = currentToken();
                if (token != null) {
                    headers.put(CallerJwtServerInterceptor.AUTHORIZATION, "Bearer " + token);
                }
                String requestId = MDC.get(RequestIds.MDC_KEY);
                if (requestId != null) {
                    headers.put(REQUEST_ID, requestId);
                }
                super.start(listener, headers);
            }
        };
    }

    private static String currentToken() {
        String relayed = GrpcCaller.token();
        if (relayed != null) {
            return relayed;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken jwt ? jwt.getToken().getTokenValue() : null;
    }
}
