package io.parley.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.OperatorConfiguredIntegrationTest;
import io.parley.auth.account.AccountDeletionIntegrationTest.Person;
import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;

/** {@code ALLOW_ACCOUNT_DELETION=false}, as the operator's environment of the shared context sets it. */
class AccountDeletionDisallowedIntegrationTest extends OperatorConfiguredIntegrationTest {

    @Test
    void aUserIsRefusedWithLibreChatsMessageAndKeepsTheAccount() {
        String tenant = uniqueTenant();
        AccountDeletionIntegrationTest.person(http, tenant);
        Person ann = AccountDeletionIntegrationTest.person(http, tenant);

        Http.Response refused = http.send("DELETE", "/api/user/delete", null, ann.auth());
        Http.Response alsoRefused = http.send("DELETE", "/api/user/account", null, ann.auth());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("message").asString()).isEqualTo("You do not have permission to delete this account");
        assertThat(alsoRefused.status()).isEqualTo(403);
        assertThat(http.get("/api/user", ann.auth()).status()).isEqualTo(200);
        assertThat(login(ann.email(), PASSWORD, AccountDeletionIntegrationTest.TENANT, tenant).status()).isEqualTo(200);
    }

    @Test
    void anAdminMayStillDeleteTheirAccountAsInLibreChat() {
        Person admin = AccountDeletionIntegrationTest.person(http, uniqueTenant());

        assertThat(http.send("DELETE", "/api/user/delete", null, admin.auth()).status()).isEqualTo(200);
        assertThat(http.get("/api/user", admin.auth()).status()).isEqualTo(401);
    }
}
