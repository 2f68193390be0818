package io.parley.auth.openid;

import io.parley.auth.SignInProperties;
import io.parley.auth.identityprovider.JsonFields;
import io.parley.auth.identityprovider.OAuthProperties;
import io.parley.auth.identityprovider.ProviderClient;
import io.parley.auth.identityprovider.SignInFailed;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The generic OpenID provider's metadata from {@code ${OPENID_ISSUER}/.well-known/openid-configuration},
 * read on first use (the provider may be down while Parley starts) and again after an hour.
 */
@Component
class OidcDiscovery {

    private static final Duration KEEP = Duration.ofHours(1);

    private final ProviderClient client;
    private final SignInProperties signIn;
    private final Clock clock = Clock.systemUTC();
    private volatile Cached cached;

    private record Cached(OidcMetadata metadata, Instant readAt) {
    }

    OidcDiscovery(ProviderClient client, SignInProperties signIn) {
        this.client = client;
        this.signIn = signIn;
    }

    OidcMetadata metadata() {
        Cached current = cached;
        if (current != null && current.readAt().plus(KEEP).isAfter(clock.instant())) {
            return current.metadata();
        }
        OidcMetadata metadata = read(signIn.openid().issuer());
        cached = new Cached(metadata, clock.instant());
        return metadata;
    }

    private OidcMetadata read(String issuer) {
        String base = OAuthProperties.stripSlash(issuer);
        JsonNode document = client.get(URI.create(base + "/.well-known/openid-configuration"), null, Map.of());
        String published = JsonFields.text(document, "issuer");
        // Discovery §4.3: the document must be the configured issuer's, or its tokens could be anyone's.
        if (published == null || !OAuthProperties.stripSlash(published).equals(base)) {
            throw new SignInFailed("discovery document names another issuer");
        }
        String authorization = JsonFields.text(document, "authorization_endpoint");
        String token = JsonFields.text(document, "token_endpoint");
        String jwks = JsonFields.text(document, "jwks_uri");
        if (authorization == null || token == null || jwks == null) {
            throw new SignInFailed("discovery document lacks an endpoint");
        }
        List<String> methods = new ArrayList<>();
        JsonNode advertised = document.get("token_endpoint_auth_methods_supported");
        if (advertised != null && advertised.isArray()) {
            advertised.forEach(m -> methods.add(m.asString()));
        }
        return new OidcMetadata(published, authorization, token, jwks, JsonFields.text(document, "userinfo_endpoint"),
                List.copyOf(methods));
    }
}
