package io.parley.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** With bans disabled, an admin's ban would not be enforced, so it is refused rather than pretended. */
@TestPropertySource(properties = "parley.bans.enabled=false")
class AdminBansDisabledIntegrationTest extends AuthIntegrationTest {

    @Test
    void aBanIsAConflictAndUnbanStillAnswers() {
        String tenant = uniqueTenant();
        String adminEmail = uniqueEmail();
        String userEmail = uniqueEmail();
        register(adminEmail, "X-Parley-Tenant", tenant);
        register(userEmail, "X-Parley-Tenant", tenant);
        String token = login(adminEmail, PASSWORD, "X-Parley-Tenant", tenant).json().get("token").asString();
        JsonNode user = login(userEmail, PASSWORD, "X-Parley-Tenant", tenant).json().get("user");
        String path = "/api/admin/users/" + user.get("id").asString() + "/ban";

        Http.Response ban = http.send("POST", path, null, "Authorization", "Bearer " + token);
        Http.Response unban = http.send("DELETE", path, null, "Authorization", "Bearer " + token);

        assertThat(ban.status()).isEqualTo(409);
        assertThat(ban.json().get("error").asString()).isEqualTo("conflict");
        assertThat(unban.status()).isEqualTo(200);
        assertThat(unban.json().get("banned").asBoolean()).isFalse();
    }
}
