package io.parley.agent.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.agent.AgentIntegrationTest;
import io.parley.common.test.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

class MarketplaceIntegrationTest extends AgentIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    private Person admin;
    private Person bob;

    @BeforeEach
    void marketplaceOn() {
        admin = admin();
        bob = user();
        AUTH.permit(tenant, "USER", "MARKETPLACE.USE", true);
        AUTH.permit(tenant, "ADMIN", "MARKETPLACE.USE", true);
    }

    private JsonNode agent(String name, String category, boolean promoted) {
        return createAgent(admin, """
                {"name":"%s","provider":"openAI","model":"gpt-4o","category":"%s","is_promoted":%s}"""
                .formatted(name, category, promoted));
    }

    @Test
    void listsWhatIsSharedWithThePersonOrEveryonePromotedFirst() {
        JsonNode publicOne = agent("Public one", "hr", false);
        share(publicOne, "public", null, "agent_viewer");
        JsonNode promoted = agent("Promoted", "it", true);
        share(promoted, "public", null, "agent_viewer");
        JsonNode forBob = agent("For Bob", "it", false);
        share(forBob, "user", bob.id(), "agent_viewer");
        agent("Private", "hr", false);

        JsonNode page = get(bob, "/api/agents/marketplace").json();

        assertThat(page.get("data").findValuesAsString("name")).containsExactly("Promoted", "For Bob", "Public one");
        JsonNode first = page.get("data").get(0);
        assertThat(first.get("is_promoted").asBoolean()).isTrue();
        assertThat(first.get("isPublic").asBoolean()).isTrue();
        assertThat(first.get("installed").asBoolean()).isFalse();
        assertThat(first.has("author")).isFalse();
        assertThat(first.has("instructions")).isFalse();
        assertThat(get(bob, "/api/agents/marketplace?category=hr").json().get("data").findValuesAsString("name"))
                .containsExactly("Public one");
        assertThat(get(bob, "/api/agents/marketplace?search=bob").json().get("data").findValuesAsString("name"))
                .containsExactly("For Bob");
        assertThat(get(bob, "/api/agents/marketplace?promoted=0").json().get("data")).hasSize(2);
    }

    @Test
    void theCursorWalksPromotedThenNewestWithoutRepeatsOrGaps() {
        List<String> expected = new ArrayList<>();
        List<String> promotedNames = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            boolean promoted = i % 3 == 0;
            JsonNode agent = agent("Agent " + i, "general", promoted);
            share(agent, "public", null, "agent_viewer");
            (promoted ? promotedNames : others).add(0, "Agent " + i);
        }
        expected.addAll(promotedNames);
        expected.addAll(others);

        List<String> seen = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = get(bob, "/api/agents/marketplace?limit=2&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)).json();
            seen.addAll(page.get("data").findValuesAsString("name"));
            cursor = page.get("has_more").asBoolean() ? page.get("after").asString() : null;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void categoriesCountWhatThePersonCanSeeWithPromotedFirstAndAllLast() {
        share(agent("A", "hr", true), "public", null, "agent_viewer");
        share(agent("B", "hr", false), "public", null, "agent_viewer");
        agent("Hidden", "finance", false);

        for (String path : List.of("/api/agents/categories", "/api/agents/marketplace/categories")) {
            JsonNode categories = get(bob, path).json();
            assertThat(categories.findValuesAsString("value"))
                    .containsExactly("promoted", "general", "hr", "rd", "finance", "it", "sales", "aftersales", "all");
            assertThat(categories.get(0).get("count").asLong()).isEqualTo(1);
            assertThat(categories.get(2).get("count").asLong()).isEqualTo(2);
            assertThat(categories.get(2).get("label").asString()).isEqualTo("com_agents_category_hr");
            assertThat(categories.get(4).get("count").asLong()).as("finance: hidden from bob").isZero();
            assertThat(categories.get(8).has("count")).isFalse();
        }
        assertThat(get(admin, "/api/agents/categories").json().get(4).get("count").asLong()).isEqualTo(1);
    }

    @Test
    void installingIsIdempotentAndListsTheAgentAsInstalled() {
        JsonNode agent = agent("Installable", "general", false);
        share(agent, "public", null, "agent_viewer");
        String id = agent.get("id").asString();

        Http.Response first = post(bob, "/api/agents/" + id + "/install", null);
        Http.Response again = post(bob, "/api/agents/" + id + "/install", null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(first.json().get("installed").asBoolean()).isTrue();
        assertThat(first.json().get("agent").get("id").asString()).isEqualTo(id);
        JsonNode installed = get(bob, "/api/agents/marketplace?installed=1").json().get("data");
        assertThat(installed).hasSize(1);
        assertThat(installed.get(0).get("installed").asBoolean()).isTrue();
        assertThat(get(user(), "/api/agents/marketplace").json().get("data").get(0).get("installed").asBoolean()).isFalse();

        assertThat(installsOf(id)).isEqualTo(1);

        Http.Response uninstalled = send(bob, "DELETE", "/api/agents/" + id + "/install", null);
        assertThat(uninstalled.status()).isEqualTo(200);
        assertThat(uninstalled.json().get("installed").asBoolean()).isFalse();
        assertThat(get(bob, "/api/agents/marketplace?installed=1").json().get("data")).isEmpty();
        assertThat(installsOf(id)).isZero();

        Http.Response reinstalled = post(bob, "/api/agents/" + id + "/install", null);
        assertThat(reinstalled.status()).isEqualTo(200);
        assertThat(reinstalled.json().get("installed").asBoolean()).isTrue();
        assertThat(get(bob, "/api/agents/marketplace?installed=1").json().get("data").findValuesAsString("id"))
                .containsExactly(id);
        assertThat(installsOf(id)).isEqualTo(1);

        Http.Response deleted = send(admin, "DELETE", "/api/agents/" + id, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("message").asString()).isEqualTo("Agent deleted");
        assertThat(get(admin, "/api/agents/" + id).status()).isEqualTo(404);
        assertThat(installsOf(id)).as("a deleted agent's installs go with it").isZero();
        assertThat(get(bob, "/api/agents/marketplace?installed=1").json().get("data")).isEmpty();
    }

    /** The stored installs of the agent {@code agentId} in this test's tenant, whoever made them. */
    private long installsOf(String agentId) {
        return mongo.count(Query.query(Criteria.where("tenantId").is(tenant).and("agentId").is(agentId)),
                InstallStore.COLLECTION);
    }

    @Test
    void theMarketplaceNeedsMarketplaceUseWhichLibreChatLeavesOffForEveryRole() {
        AUTH.permit(tenant, "USER", "MARKETPLACE.USE", false);
        JsonNode agent = agent("Public", "general", false);
        share(agent, "public", null, "agent_viewer");

        for (Http.Response refused : List.of(get(bob, "/api/agents/marketplace"), get(bob, "/api/agents/marketplace/categories"),
                post(bob, "/api/agents/" + agent.get("id").asString() + "/install", null))) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("message").asString()).isEqualTo("Forbidden: Insufficient permissions");
        }
        assertThat(get(bob, "/api/agents/categories").status()).as("LibreChat's own route needs AGENTS.USE only").isEqualTo(200);
        assertThat(get(bob, "/api/agents").json().get("data")).as("LibreChat's marketplace list").hasSize(1);
    }

    @Test
    void installingAnAgentThePersonCannotSeeIs403AndAnUnknownOne404() {
        JsonNode hidden = agent("Hidden", "general", false);
        assertThat(post(bob, "/api/agents/" + hidden.get("id").asString() + "/install", null).status()).isEqualTo(403);
        assertThat(post(bob, "/api/agents/agent_AAAAAAAAAAAAAAAAAAAAA/install", null).status()).isEqualTo(404);
        assertThat(get(bob, "/api/agents/marketplace?cursor=not-a-cursor!").status()).isEqualTo(400);
    }
}
