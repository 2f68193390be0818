package io.parley.common.grpc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;
import io.grpc.StatusRuntimeException;
import io.parley.proto.auth.v1.GetJwksRequest;
import io.parley.proto.auth.v1.KeysGrpc;
import java.text.ParseException;

/**
 * Fetches the verification keys from auth-service's {@code Keys} service; caching is done around it. A
 * failure is {@link JWKSetUnavailableException}, the one the cache's retry and outage tolerance act on
 * (a plain {@code KeySourceException} would pass through both).
 */
final class GrpcJwkSetSource implements JWKSetSource<SecurityContext> {

    private final KeysGrpc.KeysBlockingStub keys;

    GrpcJwkSetSource(KeysGrpc.KeysBlockingStub keys) {
        this.keys = keys;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long currentTime, SecurityContext context)
            throws JWKSetUnavailableException {
        try {
            String json = keys.getJwks(GetJwksRequest.getDefaultInstance()).getJwksJson();
            return JWKSet.parse(json);
        } catch (StatusRuntimeException | ParseException e) {
            throw new JWKSetUnavailableException("Cannot fetch the verification keys from auth-service", e);
        }
    }

    @Override
    public void close() {
        // the channel belongs to Spring gRPC's channel factory
    }
}
