package io.parley.common.grpc;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.grpc.StatusRuntimeException;
import io.parley.proto.auth.v1.GetJwksRequest;
import io.parley.proto.auth.v1.KeysGrpc;
import java.text.ParseException;

/** Fetches the verification keys from auth-service's {@code Keys} service; caching is done around it. */
final class GrpcJwkSetSource implements JWKSetSource<SecurityContext> {

    private final KeysGrpc.KeysBlockingStub keys;

    GrpcJwkSetSource(KeysGrpc.KeysBlockingStub keys) {
        this.keys = keys;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long currentTime, SecurityContext context)
            throws KeySourceException {
        try {
            String json = keys.getJwks(GetJwksRequest.getDefaultInstance()).getJwksJson();
            return JWKSet.parse(json);
        } catch (StatusRuntimeException | ParseException e) {
            throw new KeySourceException("Cannot fetch the verification keys from auth-service", e);
        }
    }

    @Override
    public void close() {
        // the channel belongs to Spring gRPC's channel factory
    }
}
