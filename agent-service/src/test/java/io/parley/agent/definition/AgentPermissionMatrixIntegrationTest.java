package io.parley.agent.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.agent.AgentIntegrationTest;
import io.parley.common.test.Http;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every agent route, called by everyone who might: the owner, a stranger, people given the viewer or
 * editor role, a member of a group given the viewer role, anyone while the agent is shared publicly,
 * an ADMIN, and a person whose role lacks AGENTS.USE. Each call gets a fresh agent shared only as the
 * row says, so no share leaks into another row.
 */
class AgentPermissionMatrixIntegrationTest extends AgentIntegrationTest {

    private static final String ACL_DENIED = "Insufficient permissions to access this agent";
    private static final String ROLE_DENIED = "Forbidden: Insufficient permissions";

    /** Who calls, after which share of the agent. */
    private interface Caller extends BiFunction<AgentPermissionMatrixIntegrationTest, JsonNode, Person> {
    }

    private static final Map<String, Caller> CALLERS = new LinkedHashMap<>();

    static {
        CALLERS.put("owner", (t, agent) -> t.owner);
        CALLERS.put("stranger", (t, agent) -> t.user());
        CALLERS.put("viewer", (t, agent) -> t.sharedWith(agent, "agent_viewer"));
        CALLERS.put("editor", (t, agent) -> t.sharedWith(agent, "agent_editor"));
        CALLERS.put("group viewer", (t, agent) -> {
            Person member = t.user();
            String group = new ObjectId().toHexString();
            AUTH.join(t.tenant, member.id(), group);
            t.share(agent, "group", group, "agent_viewer");
            return member;
        });
        CALLERS.put("public editor", (t, agent) -> {
            t.share(agent, "public", null, "agent_editor");
            return t.user();
        });
        CALLERS.put("public viewer", (t, agent) -> {
            t.share(agent, "public", null, "agent_viewer");
            return t.user();
        });
        CALLERS.put("admin", (t, agent) -> t.admin());
        CALLERS.put("role without AGENTS.USE", (t, agent) -> {
            Person limited = new Person(new ObjectId().toHexString(), t.tenant, "LIMITED");
            AUTH.permit(t.tenant, "LIMITED", "AGENTS.USE", false);
            t.share(agent, "user", limited.id(), "agent_owner");
            return limited;
        });
    }

    private Person owner;

    private Person sharedWith(JsonNode agent, String role) {
        Person person = user();
        share(agent, "user", person.id(), role);
        return person;
    }

    private record Route(String method, String path, String body) {
    }

    private static Route route(String method, String path, String body) {
        return new Route(method, path, body);
    }

    /** status per caller, in the order of {@link #CALLERS}. */
    private void check(Route route, int... statuses) {
        int i = 0;
        for (Map.Entry<String, Caller> row : CALLERS.entrySet()) {
            owner = user();
            AUTH.permit(tenant, "USER", "AGENTS.SHARE", true);
            JsonNode agent = createAgent(owner);
            Person caller = row.getValue().apply(this, agent);
            String path = route.path().replace(":id", agent.get("id").asString());
            Http.Response response = send(caller, route.method(), path, route.body());
            int expected = statuses[i++];
            assertThat(response.status()).as(route + " as " + row.getKey() + ": " + response.body()).isEqualTo(expected);
            if (expected == 403) {
                String message = row.getKey().startsWith("role") ? ROLE_DENIED : ACL_DENIED;
                assertThat(response.json().get("message").asString()).as(route + " as " + row.getKey()).isEqualTo(message);
                if (message.equals(ACL_DENIED)) {
                    assertThat(response.json().get("error").asString()).isEqualTo("Forbidden");
                }
            }
        }
    }

    //                                                    owner stranger viewer editor group public-ed public-vw admin no-USE
    @Test
    void viewNeedsTheViewBit() {
        check(route("GET", "/api/agents/:id", null), 200, 403, 200, 200, 200, 200, 200, 200, 403);
    }

    @Test
    void expandedNeedsTheEditBit() {
        check(route("GET", "/api/agents/:id/expanded", null), 200, 403, 403, 200, 403, 200, 403, 200, 403);
    }

    @Test
    void updateNeedsTheEditBit() {
        check(route("PATCH", "/api/agents/:id", "{\"name\":\"Changed\"}"), 200, 403, 403, 200, 403, 200, 403, 200, 403);
    }

    @Test
    void duplicateNeedsTheEditBit() {
        check(route("POST", "/api/agents/:id/duplicate", null), 201, 403, 403, 201, 403, 201, 403, 201, 403);
    }

    @Test
    void revertNeedsTheEditBit() {
        check(route("POST", "/api/agents/:id/revert", "{\"version_index\":0}"), 200, 403, 403, 200, 403, 200, 403, 200, 403);
    }

    @Test
    void deleteNeedsTheDeleteBit() {
        check(route("DELETE", "/api/agents/:id", null), 200, 403, 403, 403, 403, 403, 403, 200, 403);
    }

    @Test
    void readingTheSharesNeedsTheShareBit() {
        check(route("GET", "/api/agents/:id/access", null), 200, 403, 403, 403, 403, 403, 403, 200, 403);
    }

    @Test
    void sharingNeedsTheShareBit() {
        String friend = new ObjectId().toHexString();
        check(route("POST", "/api/agents/:id/share", "{\"type\":\"user\",\"id\":\"" + friend + "\",\"accessRoleId\":\"agent_viewer\"}"),
                201, 403, 403, 403, 403, 403, 403, 201, 403);
    }

    @Test
    void installingNeedsTheViewBit() {
        AUTH.permit(tenant, "USER", "MARKETPLACE.USE", true);
        AUTH.permit(tenant, "ADMIN", "MARKETPLACE.USE", true);
        AUTH.permit(tenant, "LIMITED", "MARKETPLACE.USE", true);
        check(route("POST", "/api/agents/:id/install", null), 200, 403, 200, 200, 200, 200, 200, 200, 403);
    }

    @Test
    void anUnknownOrMalformedIdIs404OnEveryRouteAfterTheRoleGate() {
        Person ada = user();
        for (String id : List.of("agent_AAAAAAAAAAAAAAAAAAAAA", "agent_x", "not-an-agent-id")) {
            for (Route route : List.of(route("GET", "/api/agents/" + id, null), route("GET", "/api/agents/" + id + "/expanded", null),
                    route("PATCH", "/api/agents/" + id, "{}"), route("DELETE", "/api/agents/" + id, null),
                    route("POST", "/api/agents/" + id + "/duplicate", null),
                    route("POST", "/api/agents/" + id + "/revert", "{\"version_index\":0}"),
                    route("GET", "/api/agents/" + id + "/access", null))) {
                Http.Response response = send(ada, route.method(), route.path(), route.body());
                assertThat(response.status()).as(route.toString()).isEqualTo(404);
                if (id.startsWith("agent_")) {
                    assertThat(response.json().get("error").asString()).isEqualTo("Agent not found");
                }
            }
        }
    }

    @Test
    void anotherTenantsAgentIsNotFoundEvenForTheSamePersonOrAnAdmin() {
        Person ada = user();
        JsonNode agent = createAgent(ada);
        String id = agent.get("id").asString();
        String elsewhere = "other-" + tenant;

        assertThat(get(ada.in(elsewhere), "/api/agents/" + id).status()).isEqualTo(404);
        assertThat(get(new Person(new ObjectId().toHexString(), elsewhere, "ADMIN"), "/api/agents/" + id).status()).isEqualTo(404);
        assertThat(send(ada.in(elsewhere), "DELETE", "/api/agents/" + id, null).status()).isEqualTo(404);
        assertThat(get(ada.in(elsewhere), "/api/agents").json().get("data")).isEmpty();
        assertThat(get(ada, "/api/agents/" + id).status()).isEqualTo(200);
    }

    @Test
    void aRoleWithoutCreateMayReadButNotWrite() {
        Person reader = new Person(new ObjectId().toHexString(), tenant, "READER");
        AUTH.permit(tenant, "READER", "AGENTS.CREATE", false);
        JsonNode agent = createAgent(user());
        share(agent, "user", reader.id(), "agent_owner");

        assertThat(get(reader, "/api/agents/" + agent.get("id").asString()).status()).isEqualTo(200);
        Http.Response create = post(reader, "/api/agents", "{\"provider\":\"openAI\",\"model\":\"gpt-4o\"}");
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.json().get("message").asString()).isEqualTo(ROLE_DENIED);
        assertThat(send(reader, "PATCH", "/api/agents/" + agent.get("id").asString(), "{\"name\":\"x\"}").status()).isEqualTo(403);
        assertThat(send(reader, "DELETE", "/api/agents/" + agent.get("id").asString(), null).status()).isEqualTo(403);
    }
}
