package io.parley.auth.identityprovider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Checks an OpenID Connect ID token (OpenID Connect Core §3.1.3.7): signed by a key in the provider's
 * key set with an asymmetric algorithm, issued by the expected issuer for this client, not expired,
 * and carrying the nonce of this sign-in.
 */
@Component
public class IdTokens {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    /** One cached key set per URI; nimbus refreshes it, rate-limited, when a token names an unknown key. */
    private final Map<String, JWKSource<SecurityContext>> keySets = new ConcurrentHashMap<>();
    private final int timeoutMillis;

    IdTokens(OAuthProperties properties) {
        this.timeoutMillis = (int) properties.providerTimeout().toMillis();
    }

    /**
     * @param issuers the accepted {@code iss} values
     * @return the token's claims; throws {@link SignInFailed} for any fault
     */
    public JWTClaimsSet verify(String idToken, String jwksUri, List<String> issuers, String clientId, String nonce) {
        if (idToken == null) {
            throw new SignInFailed("token response has no ID token");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keySet(jwksUri)));
        // Audience must include this client; exp (and nbf) are checked with a minute of clock skew.
        // Mutable sets: the verifier asks them whether they contain null, which Set.of answers with an NPE.
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(List.of(clientId)),
                new JWTClaimsSet.Builder().build(), new HashSet<>(List.of("iss", "sub", "aud", "exp", "iat")),
                new HashSet<>()));
        JWTClaimsSet claims;
        try {
            claims = processor.process(idToken, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new SignInFailed("ID token refused: " + e.getMessage());
        }
        if (!issuers.contains(claims.getIssuer())) {
            throw new SignInFailed("ID token from another issuer");
        }
        List<String> audience = claims.getAudience();
        Object authorizedParty = claims.getClaim("azp");
        if (audience.size() > 1 && authorizedParty != null && !clientId.equals(authorizedParty)) {
            throw new SignInFailed("ID token authorized for another client");
        }
        Object tokenNonce = claims.getClaim("nonce");
        if (!(tokenNonce instanceof String value) || !Secrets.same(value, nonce)) {
            throw new SignInFailed("ID token nonce does not match this sign-in");
        }
        return claims;
    }

    private JWKSource<SecurityContext> keySet(String uri) {
        return keySets.computeIfAbsent(uri, u -> {
            try {
                return JWKSourceBuilder.<SecurityContext>create(URI.create(u).toURL(),
                        new DefaultResourceRetriever(timeoutMillis, timeoutMillis, 1024 * 1024)).build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new SignInFailed("key set URI is not a URL");
            }
        });
    }
}
