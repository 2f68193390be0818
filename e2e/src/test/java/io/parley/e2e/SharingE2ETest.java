package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sharing across services: a prompt group lives in chat-service, its ACL in auth-service. What
 * LibreChat's share dialog writes to {@code /api/permissions} decides what chat-service serves.
 */
class SharingE2ETest extends E2ETest {

    private final String tenant = "share-" + UUID.randomUUID().toString().substring(0, 8);

    private Http.Response as(String auth, String method, String path, String body) {
        return http.send(method, path, body, "X-Tenant", tenant, "Authorization", auth, "X-Forwarded-For", ip,
                "User-Agent", BROWSER);
    }

    private String signIn() {
        String email = uniqueEmail();
        assertThat(post("/api/auth/register", """
                {"name":"Sharer","username":"","email":"%s","password":"%s","confirm_password":"%s"}"""
                .formatted(email, PASSWORD, PASSWORD), "X-Tenant", tenant).status()).isLessThan(300);
        return bearer(post("/api/auth/login", "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, PASSWORD),
                "X-Tenant", tenant));
    }

    private String idOf(String auth) {
        return as(auth, "GET", "/api/user", null).json().get("id").asString();
    }

    @Test
    void aPromptGroupSharedThroughThePermissionsRoutesIsServedToTheFriendWithTheRoleItWasGiven() {
        String ada = signIn(); // the tenant's first person: ADMIN, whose role may share prompts
        String bob = signIn();
        String groupId = as(ada, "POST", "/api/prompts", """
                {"prompt":{"prompt":"Review: {{code}}","type":"text"},"group":{"name":"Reviewer"}}""")
                .json().at("/group/_id").asString();
        assertThat(as(bob, "GET", "/api/prompts/groups/" + groupId, null).status()).isEqualTo(404);

        Http.Response shared = as(ada, "PUT", "/api/permissions/promptGroup/" + groupId, """
                {"updated":[{"type":"user","id":"%s","accessRoleId":"promptGroup_viewer"}]}""".formatted(idOf(bob)));
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);

        assertThat(as(bob, "GET", "/api/prompts/groups/" + groupId, null).json().get("name").asString()).isEqualTo("Reviewer");
        assertThat(as(bob, "GET", "/api/prompts/all", null).json().findValuesAsString("_id")).contains(groupId);
        assertThat(as(bob, "PATCH", "/api/prompts/groups/" + groupId, "{\"name\":\"Taken\"}").status()).isEqualTo(403);
        assertThat(as(bob, "GET", "/api/permissions/promptGroup/" + groupId + "/effective", null).json()
                .get("permissionBits").asInt()).isEqualTo(1);

        assertThat(as(ada, "DELETE", "/api/prompts/groups/" + groupId, null).status()).isLessThan(300);
        assertThat(as(ada, "GET", "/api/permissions/promptGroup/" + groupId, null).json().get("principals").isEmpty())
                .as("the deleted group's entries are gone").isTrue();
    }
}
