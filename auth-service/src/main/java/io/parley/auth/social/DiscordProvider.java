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

/** Discord: token exchange, then {@code /users/@me} (scope {@code identify email}, LibreChat's). */
@Component
class DiscordProvider implements OAuthProvider {

    private final SignInProperties.OAuthClient client;
    private final OAuthProperties properties;
    private final OAuthProperties.Discord discord;
    private final ProviderClient providers;

    DiscordProvider(SignInProperties signIn, OAuthProperties properties, ProviderClient providers) {
        this.client = signIn.discord();
        this.properties = properties;
        this.discord = properties.discord();
        this.providers = providers;
    }

    @Override
    public String name() {
        return "discord";
    }

    @Override
    public boolean configured() {
        return client.configured();
    }

    @Override
    public URI authorizationUri(PendingSignIn attempt, String state) {
        return ProviderClient.withQuery(discord.authorizationUri(),
                OAuthProvider.codeRequest(client.clientId(), redirectUri(), "identify email", state, attempt));
    }

    @Override
    public ExternalIdentity identify(String code, PendingSignIn attempt) {
        JsonNode answer = providers.token(URI.create(discord.tokenUri()),
                new ProviderClient.Client(client.clientId(), client.clientSecret(), ProviderClient.ClientAuth.POST),
                OAuthProvider.codeGrant(code, redirectUri(), attempt));
        String accessToken = JsonFields.text(answer, "access_token");
        if (accessToken == null) {
            throw new SignInFailed("Discord gave no access token");
        }
        JsonNode user = providers.get(URI.create(discord.apiUri() + "/users/@me"), accessToken, Map.of());
        String id = JsonFields.text(user, "id");
        if (id == null) {
            throw new SignInFailed("Discord user has no id");
        }
        String email = JsonFields.text(user, "email");
        String username = JsonFields.text(user, "username");
        String globalName = JsonFields.text(user, "global_name");
        String avatar = JsonFields.text(user, "avatar");
        return new ExternalIdentity(name(), id, email == null ? null : email.trim().toLowerCase(Locale.ROOT),
                JsonFields.flag(user, "verified"), globalName == null ? username : globalName, username,
                avatar == null ? null : "https://cdn.discordapp.com/avatars/" + id + "/" + avatar + ".png", null);
    }

    private String redirectUri() {
        return properties.redirectUri(discord.callbackUrl());
    }
}
