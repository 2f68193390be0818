package io.parley.common.grpc;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.grpc.ClientInterceptor;
import io.grpc.ServerInterceptor;
import io.parley.common.error.ApiException;
import io.parley.common.security.JwkSources;
import io.parley.proto.auth.v1.KeysGrpc;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GlobalClientInterceptor;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * gRPC wiring every service shares: the end user's token relayed out and verified in, domain errors
 * as statuses, and the verification keys fetched from auth-service's {@code Keys} (channel "auth").
 */
@AutoConfiguration(afterName = "io.parley.common.security.ServiceSecurityAutoConfiguration")
@ConditionalOnClass({GrpcChannelFactory.class, KeysGrpc.class})
public class GrpcAutoConfiguration {

    @Bean
    @GlobalClientInterceptor
    ClientInterceptor callerJwtClientInterceptor() {
        return new CallerJwtClientInterceptor();
    }

    @Bean
    @GlobalServerInterceptor
    @ConditionalOnBean(JwtDecoder.class)
    ServerInterceptor callerJwtServerInterceptor(JwtDecoder decoder) {
        return new CallerJwtServerInterceptor(decoder);
    }

    @Bean
    GrpcExceptionHandler apiExceptionsAsStatus() {
        return e -> e instanceof ApiException api ? GrpcErrors.toStatus(api) : null;
    }

    /** Every service but auth-service (which has the keys itself) verifies with auth-service's keys. */
    @Bean
    @ConditionalOnMissingBean
    JWKSource<SecurityContext> authServiceKeys(GrpcChannelFactory channels) {
        return JwkSources.cached(new GrpcJwkSetSource(KeysGrpc.newBlockingStub(channels.createChannel("auth"))));
    }
}
