package io.parley.auth.social;

import io.parley.auth.SignInProperties;
import io.parley.auth.identityprovider.ExternalIdentity;
import io.parley.auth.identityprovider.JsonFields;
import io.parley.auth.identityprovider.OAuthProperties;
import io.parley.auth.identityprovider.OAuthProvider;
import io.parley.auth.identityprovider.PendingSignIn;
import io.parley.auth.identityprovider.ProviderClient;
import io.parley.auth.identityprovider.SignInFailed;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Facebook: token exchange, then the Graph API's {@code /me} (scope {@code public_profile},
 * LibreChat's). Facebook only hands out addresses its users have confirmed, so LibreChat, and Parley,
 * take the e-mail as verified.
 */
@Component
class FacebookProvider implements OAuthProvider {

    private final SignInProperties.OAuthClient client;
    private final OAuthProperties properties;
    private final OAuthProperties.Facebook facebook;
    private final ProviderClient providers;

    FacebookProvider(SignInProperties signIn, OAuthProperties properties, ProviderClient providers) {
        this.client = signIn.facebook();
        this.properties = properties;
        this.facebook = properties.facebook();
        this.providers = providers;
    }

    @Override
    public String name() {
        return "facebook";
    }

    @Override
    public boolean configured() {
        return client.configured();
    }

    @Override
    public URI authorizationUri(PendingSignIn attempt, String state) {
        return ProviderClient.withQuery(facebook.authorizationUri(),
                OAuthProvider.codeRequest(client.clientId(), redirectUri(), "public_profile", state, attempt));
    }

    @Override
    public ExternalIdentity identify(String code, PendingSignIn attempt) {
        JsonNode answer = providers.token(URI.create(facebook.tokenUri()),
                new ProviderClient.Client(client.clientId(), client.clientSecret(), ProviderClient.ClientAuth.POST),
                OAuthProvider.codeGrant(code, redirectUri(), attempt));
        String accessToken = JsonFields.text(answer, "access_token");
        if (accessToken == null) {
            throw new SignInFailed("Facebook gave no access token");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("fields", "id,name,email,picture.type(large)");
        JsonNode me = providers.get(ProviderClient.withQuery(facebook.graphUri() + "/me", query), accessToken, Map.of());
        String id = JsonFields.text(me, "id");
        if (id == null) {
            throw new SignInFailed("Facebook user has no id");
        }
        String email = JsonFields.text(me, "email");
        String picture = JsonFields.text(me.path("picture").path("data"), "url");
        return new ExternalIdentity(name(), id, email == null ? null : email.trim().toLowerCase(Locale.ROOT),
                email != null, JsonFields.text(me, "name"), null, picture, null);
    }

    private String redirectUri() {
        return properties.redirectUri(facebook.callbackUrl());
    }
}
