package io.parley.auth.externalaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.auth.identityprovider.ExternalIdentity;
import io.parley.auth.identityprovider.SignInFailed;
import io.parley.auth.oauth.OAuthIntegrationTest;
import io.parley.auth.user.TenantFounders;
import io.parley.auth.user.Users;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Which user a provider account signs in as, with social registration off and on. */
class ExternalAccountsIntegrationTest extends OAuthIntegrationTest {

    @Autowired
    Users users;
    @Autowired
    OAuthIdentityStore identities;
    @Autowired
    TenantFounders founders;
    @Autowired
    ProviderAvatars avatars;

    @Test
    void withoutSocialRegistrationNewPeopleAreRefusedButLinkedOnesStillGetIn() {
        ExternalAccounts closed = new ExternalAccounts(users, identities, founders, avatars, false);
        String tenant = uniqueTenant();
        ExternalIdentity stranger = new ExternalIdentity("openid", uniqueSubject(), uniqueEmail(), true, "New Person",
                null, null, null);
        assertThatThrownBy(() -> closed.userFor(tenant, stranger))
                .isInstanceOf(SignInFailed.class).hasMessageContaining("registration");
        assertThat(users.byEmail(tenant, stranger.email())).isEmpty();

        ExternalAccounts open = new ExternalAccounts(users, identities, founders, avatars, true);
        String userId = open.userFor(tenant, stranger).idString();
        assertThat(closed.userFor(tenant, stranger).idString()).isEqualTo(userId);
    }
}
