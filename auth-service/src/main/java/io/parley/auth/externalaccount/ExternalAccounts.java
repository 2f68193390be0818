package io.parley.auth.externalaccount;

import io.parley.auth.identityprovider.ExternalIdentity;
import io.parley.auth.identityprovider.OAuthProperties;
import io.parley.auth.identityprovider.SignInFailed;
import io.parley.auth.user.ProfileRules;
import io.parley.auth.user.TenantFounders;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException.FieldProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Finds the Parley user of a provider account: the one it is linked to; else the user with the same
 * e-mail, linked now, but only when the provider says the address is verified (otherwise whoever
 * registers someone's address at a lax provider would take over their account); else a new user when
 * {@code ALLOW_SOCIAL_REGISTRATION} is on.
 */
@Component
public class ExternalAccounts {

    private static final Logger log = LoggerFactory.getLogger(ExternalAccounts.class);

    private final Users users;
    private final OAuthIdentityStore identities;
    private final TenantFounders founders;
    private final ProviderAvatars avatars;
    private final boolean registrationAllowed;

    @Autowired
    ExternalAccounts(Users users, OAuthIdentityStore identities, TenantFounders founders, ProviderAvatars avatars,
                     OAuthProperties properties) {
        this(users, identities, founders, avatars, properties.allowSocialRegistration());
    }

    /** @param registrationAllowed whether unknown people get an account ({@code ALLOW_SOCIAL_REGISTRATION}) */
    ExternalAccounts(Users users, OAuthIdentityStore identities, TenantFounders founders, ProviderAvatars avatars,
                     boolean registrationAllowed) {
        this.users = users;
        this.identities = identities;
        this.founders = founders;
        this.avatars = avatars;
        this.registrationAllowed = registrationAllowed;
    }

    /** @throws SignInFailed when the person may not sign in */
    public User userFor(String tenantId, ExternalIdentity identity) {
        return linked(tenantId, identity).or(() -> byEmail(tenantId, identity)).orElseGet(() -> {
            User created = create(tenantId, identity);
            // A racing sign-in of the same person may have created or linked the account first.
            return created != null ? created : linked(tenantId, identity).or(() -> byEmail(tenantId, identity))
                    .orElseThrow(() -> new SignInFailed("account could not be created"));
        });
    }

    /**
     * Links a provider account to a person brought in from LibreChat (its {@code googleId}, {@code openidId}, …).
     *
     * @param provider {@code google}, {@code github}, {@code discord}, {@code facebook} or {@code openid}
     * @return false when the provider account is linked to another person of the tenant (nothing is written)
     */
    public boolean linkImported(String tenantId, String provider, String subject, String userId) {
        return identities.link(tenantId, provider, subject, userId) || identities.find(tenantId, provider, subject)
                .map(link -> link.userId().equals(userId)).orElse(false);
    }

    /** Takes back a link {@link #linkImported} made, when the person could not be stored after all. */
    public void unlinkImported(String tenantId, String provider, String subject, String userId) {
        identities.find(tenantId, provider, subject).filter(link -> link.userId().equals(userId))
                .ifPresent(identities::remove);
    }

    private Optional<User> linked(String tenantId, ExternalIdentity identity) {
        return identities.find(tenantId, identity.provider(), identity.subject()).flatMap(link -> {
            Optional<User> user = users.byId(tenantId, link.userId());
            if (user.isEmpty()) {
                identities.remove(link);
            }
            return user;
        });
    }

    private Optional<User> byEmail(String tenantId, ExternalIdentity identity) {
        if (identity.email() == null || identity.email().indexOf('@') < 1) {
            throw new SignInFailed(identity.provider() + " gave no e-mail address");
        }
        return users.byEmail(tenantId, identity.email()).map(user -> {
            if (!identity.emailVerified()) {
                throw new SignInFailed("an unverified e-mail matches an existing account");
            }
            return link(tenantId, identity, user);
        });
    }

    private User link(String tenantId, ExternalIdentity identity, User user) {
        if (identities.link(tenantId, identity.provider(), identity.subject(), user.idString())) {
            log.info("Provider account linked tenant_id={} user_id={} provider={}", tenantId, user.idString(),
                    identity.provider());
            return user;
        }
        return linked(tenantId, identity).orElseThrow(() -> new SignInFailed("provider account linked elsewhere"));
    }

    /** @return the new user, or null when a user with this e-mail appeared meanwhile */
    private User create(String tenantId, ExternalIdentity identity) {
        if (!registrationAllowed) {
            throw new SignInFailed("social registration is not allowed");
        }
        ObjectId id = new ObjectId();
        Instant now = Instant.now();
        String username = username(identity.username());
        User user = new User(id, tenantId, name(identity, username), username, identity.email(),
                identity.emailVerified(), null, identity.avatar(), identity.provider(),
                founders.claim(tenantId, id) ? User.ADMIN : User.USER, List.of(), false, false, List.of(), now, now);
        if (!users.insert(user)) {
            return null;
        }
        log.info("User registered through a provider tenant_id={} user_id={} provider={} role={}", tenantId,
                user.idString(), identity.provider(), user.role());
        identities.link(tenantId, identity.provider(), identity.subject(), user.idString());
        avatars.copyLater(user);
        return user;
    }

    /** The provider's username when registration's rule accepts it, lower-case as stored; else none. */
    private static String username(String offered) {
        List<FieldProblem> problems = new ArrayList<>();
        String username = ProfileRules.username(offered, problems);
        return username == null || !problems.isEmpty() ? "" : username.toLowerCase(Locale.ROOT);
    }

    private static String name(ExternalIdentity identity, String username) {
        String name = identity.name() != null ? identity.name().trim() : "";
        if (name.isEmpty()) {
            name = !username.isEmpty() ? username : identity.email().substring(0, identity.email().indexOf('@'));
        }
        return name.length() > 80 ? name.substring(0, 80) : name;
    }
}
