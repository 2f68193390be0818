package io.parley.chat.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.test.Http;
import io.parley.common.test.Tokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/admin/chat/user-stats}: the tenant's conversation and message counts per user, in
 * LibreChat's order; ADMIN only (an operator's token too, nothing else of chat-service for it).
 */
class UserStatsIntegrationTest extends ChatIntegrationTest {

    private Http.Response stats(String tenant, String subject, String role) {
        return http.get("/api/admin/chat/user-stats", "Authorization",
                "Bearer " + Tokens.accessToken(subject, tenant, role, null), "X-Parley-Tenant", tenant);
    }

    @Test
    void countsEachUsersConversationsAndMessagesMostConversationsFirstInTheCallersTenantOnly() {
        String tenant = "stats-" + uuid().substring(0, 8);
        Person light = person(tenant);
        Person heavy = person(tenant);
        Person stranger = person("other-" + uuid().substring(0, 8));
        conversation(light, "one");
        conversation(heavy, "one");
        conversation(heavy, "two");
        conversation(stranger, "elsewhere");

        JsonNode users = stats(tenant, light.id(), "ADMIN").json().get("users");

        assertThat(users).hasSize(2);
        assertThat(users.at("/0/userId").asString()).isEqualTo(heavy.id());
        assertThat(users.at("/0/conversations").asLong()).isEqualTo(2);
        assertThat(users.at("/0/messages").asLong()).isEqualTo(4);
        assertThat(users.at("/1/userId").asString()).isEqualTo(light.id());
        assertThat(users.at("/1/messages").asLong()).isEqualTo(2);
    }

    @Test
    void isForbiddenToAUserAndOpenToAnOperatorWhoIsRefusedEverywhereElse() {
        String tenant = "stats-" + uuid().substring(0, 8);
        assertThat(stats(tenant, person(tenant).id(), "USER").status()).isEqualTo(403);
        assertThat(stats(tenant, "operator", "ADMIN").status()).isEqualTo(200);
        Http.Response convos = http.get("/api/convos", "Authorization",
                "Bearer " + Tokens.accessToken("operator", tenant, "ADMIN", null), "X-Parley-Tenant", tenant);
        assertThat(convos.status()).isEqualTo(403);
    }
}
