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
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * GitHub (or GitHub Enterprise): the code is exchanged for a token, then {@code /user} says who signed
 * in and {@code /user/emails} which e-mail GitHub has verified (scope {@code user:email read:user},
 * LibreChat's).
 */
@Component
class GitHubProvider implements OAuthProvider {

    private final SignInProperties.OAuthClient client;
    private final OAuthProperties properties;
    private final OAuthProperties.GitHub github;
    private final ProviderClient providers;

    GitHubProvider(SignInProperties signIn, OAuthProperties properties, ProviderClient providers) {
        this.client = signIn.github();
        this.properties = properties;
        this.github = properties.github();
        this.providers = providers;
    }

    @Override
    public String name() {
        return "github";
    }

    @Override
    public boolean configured() {
        return client.configured();
    }

    @Override
    public URI authorizationUri(PendingSignIn attempt, String state) {
        return ProviderClient.withQuery(github.authorizationUri(),
                OAuthProvider.codeRequest(client.clientId(), redirectUri(), "user:email read:user", state, attempt));
    }

    @Override
    public ExternalIdentity identify(String code, PendingSignIn attempt) {
        JsonNode answer = providers.token(URI.create(github.tokenUri()),
                new ProviderClient.Client(client.clientId(), client.clientSecret(), ProviderClient.ClientAuth.POST),
                OAuthProvider.codeGrant(code, redirectUri(), attempt));
        String accessToken = JsonFields.text(answer, "access_token");
        if (accessToken == null) {
            // GitHub answers 200 with {"error": "bad_verification_code"} when it refuses a code.
            throw new SignInFailed("GitHub gave no access token: " + JsonFields.text(answer, "error"));
        }
        Map<String, String> headers = Map.of("Accept", "application/vnd.github+json", "User-Agent", github.userAgent());
        JsonNode user = providers.get(URI.create(github.apiUri() + "/user"), accessToken, headers);
        String id = JsonFields.text(user, "id");
        if (id == null) {
            throw new SignInFailed("GitHub user has no id");
        }
        String email = null;
        boolean verified = false;
        JsonNode emails = providers.get(URI.create(github.apiUri() + "/user/emails"), accessToken, headers);
        if (emails.isArray()) {
            for (JsonNode entry : emails) {
                boolean entryVerified = JsonFields.flag(entry, "verified");
                boolean primary = JsonFields.flag(entry, "primary");
                // The primary address if GitHub verified it, else the first verified one.
                if (entryVerified && (primary || !verified)) {
                    email = JsonFields.text(entry, "email");
                    verified = true;
                }
            }
        }
        if (email == null) {
            email = JsonFields.text(user, "email");
        }
        String login = JsonFields.text(user, "login");
        String name = JsonFields.text(user, "name");
        return new ExternalIdentity(name(), id, email == null ? null : email.trim().toLowerCase(Locale.ROOT), verified,
                name == null ? login : name, login, JsonFields.text(user, "avatar_url"), null);
    }

    private String redirectUri() {
        return properties.redirectUri(github.callbackUrl());
    }
}
