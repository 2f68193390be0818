package io.parley.agent.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.body.Sent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentDefinitionTest {

    private static AgentRequest request(String provider, String model) {
        return new AgentRequest(null, null, null, null, provider, model, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    private static Sent<AgentRequest> sent(AgentRequest request, String... named) {
        return new Sent<>(request, Set.of(named));
    }

    @Test
    void aNewAgentGetsLibreChatsDefaultsWhereTheBodyIsSilent() {
        AgentDefinition created = AgentDefinition.created(sent(request("openAI", "gpt-4o"), "provider", "model"));

        assertThat(created).isEqualTo(new AgentDefinition(null, null, null, null, "openAI", "gpt-4o", null, null, null,
                List.of(), null, null, null, null, List.of(), null, null, "general", null, false, List.of()));
    }

    @Test
    void aBlankCategoryBecomesGeneralOnCreate() {
        AgentRequest blank = new AgentRequest(null, null, null, null, "openAI", "gpt-4o", null, null, null, null, null, null,
                null, null, null, null, null, " ", null, null);

        assertThat(AgentDefinition.created(sent(blank, "provider", "model", "category")).category()).isEqualTo("general");
    }

    @Test
    void aChangeReplacesOnlyTheNamedFieldsAndNullClearsOnlyWhatWasNamed() {
        AgentDefinition before = AgentDocumentsTest.everything();
        AgentRequest changes = new AgentRequest(null, null, "New", null, null, null, null, null, null,
                List.of("search_mcp_docs"), null, null, null, null, null, null, null, null, null, null);

        AgentDefinition after = before.with(sent(changes, "description", "instructions", "avatar", "tools"));

        assertThat(after.name()).isEqualTo("Helper");
        assertThat(after.description()).isNull();
        assertThat(after.instructions()).isEqualTo("New");
        assertThat(after.avatar()).isEqualTo(Optional.empty());
        assertThat(after.tools()).containsExactly("search_mcp_docs");
        assertThat(after.mcpServerNames()).containsExactly("docs");
        assertThat(after.model_parameters()).isEqualTo(before.model_parameters());
    }

    @Test
    void numbersCompareByValueAndAClearedAvatarIsNoChangeFromNone() {
        AgentDefinition before = AgentDocumentsTest.everything();
        Map<String, Object> sameParameters = new LinkedHashMap<>();
        sameParameters.put("nested", Map.of("steps", List.of(1.0, 2L)));
        sameParameters.put("temperature", 0.50);
        AgentRequest same = new AgentRequest(null, null, null, null, null, null, sameParameters, null, null, null, null, null,
                null, null, null, null, null, null, null, null);

        assertThat(before.with(sent(same, "model_parameters")).sameAs(before)).isTrue();
        sameParameters.put("temperature", 0.6);
        assertThat(before.with(sent(same, "model_parameters")).sameAs(before)).isFalse();

        AgentDefinition withoutAvatar = AgentDefinition.created(sent(request("openAI", "gpt-4o"), "provider", "model"));
        assertThat(withoutAvatar.with(sent(request("openAI", "gpt-4o"), "avatar")).sameAs(withoutAvatar)).isTrue();
    }

    @Test
    void aCopyIsRenamedNotPromotedAndKeepsOnlyTheContextFiles() {
        AgentDefinition copy = AgentDocumentsTest.everything().copied(Instant.parse("2025-03-04T09:06:00Z"));

        assertThat(copy.name()).isEqualTo("Helper (3/4/25, 09:06)");
        assertThat(copy.is_promoted()).isFalse();
        assertThat(copy.tool_resources()).isEqualTo(new ToolResources(null, null,
                new ToolResources.Resource(List.of("c1"), null), null, null));
        assertThat(copy.instructions()).isEqualTo("Be kind");
    }

    @Test
    void addingAFileToAToolResourceKeepsItsOtherFilesAndAddsNoDuplicate() {
        ToolResources resources = AgentDocumentsTest.everything().tool_resources();

        ToolResources added = resources.withFile("file_search", "f2").withFile("file_search", "f2").withFile("ocr", "o1");

        assertThat(added.file_search()).isEqualTo(new ToolResources.Resource(List.of("f1", "f2"), List.of("v1")));
        assertThat(added.ocr()).isEqualTo(new ToolResources.Resource(List.of("o1"), null));
        assertThat(added.context()).isEqualTo(resources.context());
    }
}
