package io.parley.mcp.oauth;

import io.parley.common.crypto.AesGcmSealer;
import io.parley.common.security.CurrentUser;
import io.parley.mcp.connection.BearerTokens;
import io.parley.mcp.connection.SignInRequired;
import io.parley.mcp.connection.UpstreamFailure;
import io.parley.mcp.server.ServerChanged;
import io.parley.mcp.server.ServerRef;
import io.parley.mcp.server.ServerSecrets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * People's OAuth tokens for servers that require sign-in: stored sealed per tenant, person and
 * server; handed to connections, renewed with the refresh token when they expire within
 * {@code refresh-before} (or when the server refuses them); revoked at the authorization server and
 * forgotten when the person revokes access, their account is deleted or the server is.
 *
 * <p>A renewal runs once per person and server in this process; when another instance renewed first
 * (its rotated refresh token makes ours {@code invalid_grant}), the stored tokens are read again
 * rather than dropped.
 */
@Service
public class OAuthTokens implements BearerTokens {

    private static final Logger log = LoggerFactory.getLogger(OAuthTokens.class);
    private static final String KIND = "oauth-tokens";
    private static final int STRIPES = 64;

    private final TokenStore store;
    private final ServerSecrets secrets;
    private final TokenRequests requests;
    private final OAuthProperties properties;
    private final Clock clock;
    private final Object[] locks = new Object[STRIPES];

    OAuthTokens(TokenStore store, ServerSecrets secrets, TokenRequests requests, OAuthProperties properties,
                ObjectProvider<Clock> clock) {
        this.store = store;
        this.secrets = secrets;
        this.requests = requests;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    @Override
    public String bearer(CurrentUser user, ServerRef server) {
        Grant grant = usable(user, server).orElseThrow(() -> new SignInRequired(server.name()));
        long now = clock.millis();
        if (!grant.expiresBefore(now + properties.refreshBefore().toMillis())) {
            return grant.accessToken();
        }
        synchronized (lock(user, server)) {
            Grant current = usable(user, server).orElseThrow(() -> new SignInRequired(server.name()));
            if (!current.expiresBefore(clock.millis() + properties.refreshBefore().toMillis())) {
                return current.accessToken(); // renewed meanwhile
            }
            return renew(user, server, current).accessToken();
        }
    }

    @Override
    public boolean renewAfterRejection(CurrentUser user, ServerRef server, String rejected) {
        synchronized (lock(user, server)) {
            Optional<Grant> current = usable(user, server);
            if (current.isEmpty()) {
                return false;
            }
            if (!current.get().accessToken().equals(rejected)) {
                return true; // renewed meanwhile: send the new one
            }
            try {
                renew(user, server, current.get());
                return true;
            } catch (SignInRequired | UpstreamFailure e) {
                return false;
            }
        }
    }

    /** Whether the person holds tokens for the server (usable or renewable). */
    public boolean signedIn(CurrentUser user, ServerRef server) {
        return usable(user, server).isPresent();
    }

    /** What a completed sign-in's tokens are (never the tokens): type, scope and expiry (ms, or null when unknown). */
    Optional<Map<String, Object>> summary(Flow flow) {
        return store.get(flow.tenantId(), flow.userId(), flow.serverScope(), flow.serverName()).map(this::open).map(grant -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("token_type", "Bearer");
            out.put("scope", grant.scope());
            out.put("expires_at", grant.expiresAtMs() == 0 ? null : grant.expiresAtMs());
            out.put("obtained_at", grant.obtainedAtMs());
            out.put("refreshable", grant.refreshToken() != null);
            return out;
        });
    }

    /** Stores what a completed sign-in brought, replacing the person's earlier tokens for the server. */
    void save(Flow flow, TokenRequests.Granted granted) {
        long now = clock.millis();
        OAuthClient client = java.util.Objects.requireNonNull(flow.client());
        Grant grant = new Grant(granted.accessToken(), granted.refreshToken(),
                granted.expiresIn() == null ? 0 : now + granted.expiresIn() * 1000, granted.scope(), client, flow.resource(),
                flow.serverUrl(), now);
        put(flow.tenantId(), flow.userId(), flow.serverScope(), flow.serverName(), grant);
    }

    /**
     * The person revokes access (LibreChat's uninstall of {@code mcp_<server>}): the tokens are revoked at
     * the authorization server where it allows it and forgotten.
     *
     * @return whether there were any
     */
    public boolean revoke(CurrentUser user, ServerRef server) {
        return store.take(user.tenantId(), user.id(), server.scope(), server.name())
                .map(stored -> revokeRemotely(stored, server.name())).isPresent();
    }

    /** Account deletion: every token of the person, revoked and forgotten. */
    public int forgetPerson(String tenantId, String userId) {
        return forget(store.ofPerson(tenantId, userId));
    }

    /** A server that is gone: everyone's tokens for it, revoked and forgotten. */
    public int forgetServer(String tenantId, ServerRef server) {
        return forget(store.ofServer(tenantId, server.scope()));
    }

    @EventListener
    void serverChanged(ServerChanged changed) {
        ServerRef server = changed.server();
        if (changed.deleted() && server.userManaged()) {
            forgetServer(server.scope().substring(0, server.scope().indexOf('/')), server);
        }
    }

    private int forget(List<TokenStore.Stored> all) {
        int forgotten = 0;
        for (TokenStore.Stored stored : all) {
            if (store.take(stored).map(taken -> revokeRemotely(taken, taken.serverName())).isPresent()) {
                forgotten++;
            }
        }
        return forgotten;
    }

    private TokenStore.Stored revokeRemotely(TokenStore.Stored stored, String serverName) {
        Grant grant = open(stored);
        if (grant != null) {
            // RFC 7009 §2.1: revoking the refresh token ends the grant, its access tokens with it
            if (grant.refreshToken() != null) {
                requests.revoke(grant.client(), grant.refreshToken(), "refresh_token");
            } else {
                requests.revoke(grant.client(), grant.accessToken(), "access_token");
            }
        }
        log.info("MCP OAuth tokens forgotten server={} tenant_id={} user_id={}", serverName, stored.tenantId(), stored.userId());
        return stored;
    }

    /** Renews under the lock; no renewal possible: the tokens go and the person signs in again. */
    private Grant renew(CurrentUser user, ServerRef server, Grant grant) {
        if (grant.refreshToken() == null) {
            if (grant.expiresBefore(clock.millis())) {
                store.take(user.tenantId(), user.id(), server.scope(), server.name());
                throw new SignInRequired(server.name());
            }
            return grant; // expires soon, but nothing renews it: use it while it lasts
        }
        try {
            Grant renewed = grant.renewed(requests.refresh(grant.client(), grant.refreshToken(), grant.resource()), clock.millis());
            put(user.tenantId(), user.id(), server.scope(), server.name(), renewed);
            log.info("MCP OAuth token renewed server={} user_id={}", server.name(), user.id());
            return renewed;
        } catch (TokenRequests.Refused refused) {
            Optional<Grant> again = usable(user, server);
            if (again.isPresent() && !java.util.Objects.equals(again.get().refreshToken(), grant.refreshToken())) {
                return again.get(); // another instance renewed first and rotated the refresh token
            }
            store.take(user.tenantId(), user.id(), server.scope(), server.name());
            log.info("MCP OAuth renewal refused, sign-in needed server={} user_id={} error={}", server.name(), user.id(),
                    refused.error());
            throw new SignInRequired(server.name());
        } catch (UpstreamFailure unreachable) {
            if (!grant.expiresBefore(clock.millis())) {
                return grant; // the authorization server is away; the token still works for a while
            }
            throw unreachable;
        }
    }

    /** The person's grant for this server as it is configured now (one for another URL does not count). */
    private Optional<Grant> usable(CurrentUser user, ServerRef server) {
        return store.get(user.tenantId(), user.id(), server.scope(), server.name()).map(this::open)
                .filter(grant -> grant.serverUrl().equals(server.config().url()));
    }

    private @Nullable Grant open(TokenStore.Stored stored) {
        try {
            return secrets.openJson(stored.sealed(), Grant.class, KIND, stored.tenantId(), stored.userId(), stored.serverScope(),
                    stored.serverName());
        } catch (AesGcmSealer.Unreadable | tools.jackson.core.JacksonException e) {
            log.warn("Unreadable MCP OAuth tokens ignored server={} user_id={}", stored.serverName(), stored.userId());
            return null;
        }
    }

    private void put(String tenantId, String userId, String serverScope, String serverName, Grant grant) {
        store.put(tenantId, userId, serverScope, serverName, secrets.sealJson(grant, KIND, tenantId, userId, serverScope, serverName));
    }

    private Object lock(CurrentUser user, ServerRef server) {
        int hash = (user.tenantId() + "/" + user.id() + "/" + server.scope() + "/" + server.name()).hashCode();
        return locks[Math.floorMod(hash, STRIPES)];
    }
}
