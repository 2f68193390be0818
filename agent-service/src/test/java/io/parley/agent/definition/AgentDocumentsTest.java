package io.parley.agent.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class AgentDocumentsTest {

    private static final Instant CREATED = Instant.parse("2025-03-14T09:26:53.589Z");

    static AgentDefinition everything() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("temperature", 0.5);
        parameters.put("nested", Map.of("steps", List.of(1, 2)));
        return new AgentDefinition("Helper", "Helps", "Be kind", Optional.of(new Avatar("/images/a.png", "local")),
                "anthropic", "claude", parameters, "default", 25, List.of("fetch_mcp_web", "calc"),
                List.of("agent_AAAAAAAAAAAAAAAAAAAAA"),
                List.of(new AgentEdge(AgentEdge.Ends.of("agent_AAAAAAAAAAAAAAAAAAAAA"), AgentEdge.Ends.of(List.of("b", "c")),
                        "handoff", "to B", "p", "k", true)),
                true, false, List.of("Hi"),
                new ToolResources(new ToolResources.Resource(List.of("f1"), List.of("v1")), null,
                        new ToolResources.Resource(List.of("c1"), null), null, null),
                Map.of("calc", Map.of("defer", true)), "it", new SupportContact("Ada", "ada@example.com"), true,
                List.of("web"));
    }

    private static Agent agentOf(AgentDefinition definition) {
        return new Agent(new ObjectId(), "t1", "agent_CCCCCCCCCCCCCCCCCCCCC", definition, "u1", "ada",
                List.of(new AgentVersion(definition, CREATED, CREATED, null),
                        new AgentVersion(definition, CREATED.plusMillis(5), CREATED.plusMillis(5), "u2")),
                CREATED, CREATED.plusMillis(5));
    }

    @Test
    void anAgentWithEveryFieldSetReadsBackAsItWasStored() {
        Agent agent = agentOf(everything());

        assertThat(AgentDocuments.agent(AgentDocuments.document(agent))).isEqualTo(agent);
    }

    @Test
    void aDefinitionWithEveryFieldSetStoresExactlyTheDefinitionFieldsInTheirOrder() {
        assertThat(List.copyOf(AgentDocuments.definition(everything()).keySet())).isEqualTo(AgentDocuments.DEFINITION_FIELDS);
    }

    @Test
    void unsetFieldsAreLeftOutAndAClearedAvatarIsStoredAsNull() {
        AgentDefinition bare = new AgentDefinition(null, null, null, Optional.empty(), "openAI", "gpt-4o", null, null, null,
                List.of(), null, null, null, null, List.of(), null, null, "general", null, false, List.of());

        Document stored = AgentDocuments.definition(bare);

        assertThat(stored.keySet()).containsExactly("name", "description", "instructions", "avatar", "provider", "model",
                "tools", "conversation_starters", "category", "is_promoted", "mcpServerNames");
        assertThat(stored.get("avatar")).isNull();
        assertThat(AgentDocuments.agent(AgentDocuments.document(agentOf(bare))).definition()).isEqualTo(bare);
    }

    @Test
    void anEdgeEndKeepsTheFormItWasSentIn() {
        Document edge = AgentDocuments.definition(everything()).getList("edges", Document.class).getFirst();

        assertThat(edge.get("from")).isEqualTo("agent_AAAAAAAAAAAAAAAAAAAAA");
        assertThat(edge.get("to")).isEqualTo(List.of("b", "c"));
    }

    @Test
    void aListItemReadsOnlyWhatTheListProjectionHolds() {
        Agent agent = agentOf(everything());
        Document projected = new Document();
        Document stored = AgentDocuments.document(agent);
        AgentDocuments.SUMMARY_FIELDS.forEach(field -> projected.put(field, stored.get(field)));

        AgentSummary summary = AgentDocuments.summary(projected);

        assertThat(summary).isEqualTo(new AgentSummary(agent.objectId(), agent.id(), "Helper", "Helps",
                new Avatar("/images/a.png", "local"), "u1", "ada", "it", new SupportContact("Ada", "ada@example.com"), true,
                agent.updatedAt()));
    }

    @Test
    void fieldsParleyDoesNotTypeAndExplicitNullsAreKeptWhenAnAgentIsReadAndWrittenAgain() {
        Document stored = AgentDocuments.document(agentOf(everything()));
        stored.put("projectIds", List.of("p1"));
        stored.put("isCollaborative", null);
        stored.put("artifacts", null);
        stored.put("recursion_limit", "25");
        stored.getList("versions", Document.class).getFirst().append("__v", 0).append("end_after_tools", null);

        Agent read = AgentDocuments.agent(stored);

        assertThat(read.definition().artifacts()).isNull();
        assertThat(read.definition().recursion_limit()).isNull();
        assertThat(List.copyOf(read.extra().keySet()))
                .containsExactly("artifacts", "recursion_limit", "projectIds", "isCollaborative");
        assertThat(read.extra()).containsEntry("artifacts", null).containsEntry("recursion_limit", "25")
                .containsEntry("isCollaborative", null);
        assertThat(read.versions().getFirst().extra()).containsKeys("__v", "end_after_tools");
        assertThat(AgentDocuments.document(read)).isEqualTo(stored);
    }

    @Test
    void aTypedFieldThatIsSetWinsOverTheStoredValueKeptForIt() {
        Document stored = AgentDocuments.document(agentOf(everything()));
        stored.put("artifacts", null);
        Agent read = AgentDocuments.agent(stored);
        AgentDefinition withArtifacts = AgentDocumentsTest.everything();

        Agent changed = new Agent(read.objectId(), read.tenantId(), read.id(), withArtifacts, read.author(),
                read.authorName(), read.versions(), read.createdAt(), read.updatedAt(), read.extra());

        assertThat(AgentDocuments.document(changed).get("artifacts")).isEqualTo("default");
    }

    @Test
    void anAgentWrittenByParleyKeepsNothingBesideItsTypedFields() {
        Agent read = AgentDocuments.agent(AgentDocuments.document(agentOf(everything())));

        assertThat(read.extra()).isEmpty();
        assertThat(read.versions()).allSatisfy(version -> assertThat(version.extra()).isEmpty());
    }
}
