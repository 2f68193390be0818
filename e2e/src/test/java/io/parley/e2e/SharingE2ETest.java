package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;

/**
 * Sharing across services: a prompt group lives in chat-service, its ACL in auth-service. What
 * LibreChat's share dialog writes to {@code /api/permissions} decides what chat-service serves.
 */
class SharingE2ETest extends E2ETest {

    private final String tenant = uniqueTenant("share");



    private String idOf(String auth) {
        return as(tenant, auth, "GET", "/api/user", null).json().get("id").asString();
    }

    @Test
    void aPromptGroupSharedThroughThePermissionsRoutesIsServedToTheFriendWithTheRoleItWasGiven() {
        String ada = signIn(tenant); // the tenant's first person: ADMIN, whose role may share prompts
        String bob = signIn(tenant);
        String groupId = as(tenant, ada, "POST", "/api/prompts", """
                {"prompt":{"prompt":"Review: {{code}}","type":"text"},"group":{"name":"Reviewer"}}""")
                .json().at("/group/_id").asString();
        assertThat(as(tenant, bob, "GET", "/api/prompts/groups/" + groupId, null).status()).isEqualTo(404);

        Http.Response shared = as(tenant, ada, "PUT", "/api/permissions/promptGroup/" + groupId, """
                {"updated":[{"type":"user","id":"%s","accessRoleId":"promptGroup_viewer"}]}""".formatted(idOf(bob)));
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);

        assertThat(as(tenant, bob, "GET", "/api/prompts/groups/" + groupId, null).json().get("name").asString()).isEqualTo("Reviewer");
        assertThat(as(tenant, bob, "GET", "/api/prompts/all", null).json().findValuesAsString("_id")).contains(groupId);
        assertThat(as(tenant, bob, "PATCH", "/api/prompts/groups/" + groupId, "{\"name\":\"Taken\"}").status()).isEqualTo(403);
        assertThat(as(tenant, bob, "GET", "/api/permissions/promptGroup/" + groupId + "/effective", null).json()
                .get("permissionBits").asInt()).isEqualTo(1);

        assertThat(as(tenant, ada, "DELETE", "/api/prompts/groups/" + groupId, null).status()).isLessThan(300);
        assertThat(as(tenant, ada, "GET", "/api/permissions/promptGroup/" + groupId, null).status())
                .as("the deleted group's entries are gone: its sharing is no one's to read").isEqualTo(404);
    }
}
