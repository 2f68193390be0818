package io.parley.agent.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.common.body.Sent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a person defines in an agent, and what each of LibreChat's {@code versions} snapshots, named as
 * LibreChat names it and in the order answers show it. Fields are left out of answers while unset,
 * except name, description and instructions, which every agent has (null when empty).
 *
 * @param avatar          null until set; {@code Optional.empty()} once a body set it to null, which
 *                        answers show as {@code "avatar": null}
 * @param model_parameters free-form, stored as sent (e.g. {@code temperature}); null when unset
 * @param tool_options    free-form per-tool options, stored as sent; null when unset
 * @param agent_ids       deprecated in LibreChat in favour of {@code edges}; kept for agents that carry it
 * @param category        {@code general} unless one was chosen
 * @param mcpServerNames  the MCP servers {@code tools} use ({@code <tool>_mcp_<server>}), first seen first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentDefinition(
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String name,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String description,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String instructions,
        @Nullable Optional<Avatar> avatar,
        String provider,
        String model,
        @Nullable Map<String, Object> model_parameters,
        @Nullable String artifacts,
        @Nullable Integer recursion_limit,
        List<String> tools,
        @Nullable List<String> agent_ids,
        @Nullable List<AgentEdge> edges,
        @Nullable Boolean end_after_tools,
        @Nullable Boolean hide_sequential_outputs,
        List<String> conversation_starters,
        @Nullable ToolResources tool_resources,
        @Nullable Map<String, Object> tool_options,
        String category,
        @Nullable SupportContact support_contact,
        boolean is_promoted,
        List<String> mcpServerNames) {

    static final String DEFAULT_CATEGORY = "general";
    /** How LibreChat stamps a copy's name: "Helper (3/14/25, 09:26)". */
    private static final DateTimeFormatter COPY_STAMP = DateTimeFormatter.ofPattern("M/d/yy, HH:mm", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** A new agent's definition: what the create body sent, over LibreChat's schema defaults. */
    static AgentDefinition created(Sent<AgentRequest> body) {
        AgentRequest request = body.value();
        AgentDefinition defaults = new AgentDefinition(null, null, null, null,
                Objects.requireNonNull(request.provider(), "checked for a create"),
                Objects.requireNonNull(request.model(), "checked for a create"), null, null, null, List.of(), null, null, null, null, List.of(), null, null,
                DEFAULT_CATEGORY, null, false, List.of());
        AgentDefinition sent = defaults.with(body);
        return sent.withCategory(sent.category.isBlank() ? DEFAULT_CATEGORY : sent.category);
    }

    /** This definition with the fields the body named replaced; {@code mcpServerNames} follow {@code tools}. */
    AgentDefinition with(Sent<AgentRequest> body) {
        AgentRequest changes = body.value();
        List<String> newTools = or(changes.tools(), tools);
        return new AgentDefinition(
                body.named("name") ? changes.name() : name,
                body.named("description") ? changes.description() : description,
                body.named("instructions") ? changes.instructions() : instructions,
                body.named("avatar") ? Optional.ofNullable(changes.avatar()) : avatar,
                or(changes.provider(), provider),
                or(changes.model(), model),
                or(changes.model_parameters(), model_parameters),
                or(changes.artifacts(), artifacts),
                or(changes.recursion_limit(), recursion_limit),
                newTools,
                or(changes.agent_ids(), agent_ids),
                or(changes.edges(), edges),
                or(changes.end_after_tools(), end_after_tools),
                or(changes.hide_sequential_outputs(), hide_sequential_outputs),
                or(changes.conversation_starters(), conversation_starters),
                or(changes.tool_resources(), tool_resources),
                or(changes.tool_options(), tool_options),
                or(changes.category(), category),
                or(changes.support_contact(), support_contact),
                or(changes.is_promoted(), is_promoted),
                changes.tools() != null ? mcpServerNames(newTools) : mcpServerNames);
    }

    /**
     * A copy's definition, named "<name> (M/d/yy, HH:mm)" as LibreChat names it, not promoted, with only the
     * tool resources a copy keeps ({@link ToolResources#keptByCopies()}).
     */
    AgentDefinition copied(Instant at) {
        String copyName = (name == null ? "" : name + " ") + "(" + COPY_STAMP.format(at) + ")";
        return new AgentDefinition(copyName, description, instructions, avatar, provider, model, model_parameters, artifacts,
                recursion_limit, tools, agent_ids, edges, end_after_tools, hide_sequential_outputs, conversation_starters,
                tool_resources == null ? null : tool_resources.keptByCopies(), tool_options,
                category.isBlank() ? DEFAULT_CATEGORY : category, support_contact, false, mcpServerNames(tools));
    }

    /**
     * Whether {@code other} says the same, as stored JSON would: numbers by value (1 and 1.0 are equal) and a
     * null like an absent value. A change to the same definition adds no version.
     */
    boolean sameAs(AgentDefinition other) {
        return comparable().equals(other.comparable());
    }

    /** The avatar whether never set or cleared: null. */
    @Nullable Avatar avatarOrNull() {
        return avatar == null ? null : avatar.orElse(null);
    }

    private AgentDefinition withCategory(String newCategory) {
        return new AgentDefinition(name, description, instructions, avatar, provider, model, model_parameters, artifacts,
                recursion_limit, tools, agent_ids, edges, end_after_tools, hide_sequential_outputs, conversation_starters,
                tool_resources, tool_options, newCategory, support_contact, is_promoted, mcpServerNames);
    }

    private AgentDefinition comparable() {
        return new AgentDefinition(name, description, instructions, avatarOrNull() == null ? null : avatar, provider, model,
                canonical(model_parameters), artifacts, recursion_limit, tools, agent_ids, edges, end_after_tools,
                hide_sequential_outputs, conversation_starters, tool_resources, canonical(tool_options), category,
                support_contact, is_promoted, mcpServerNames);
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Map<String, Object> canonical(@Nullable Map<String, Object> freeForm) {
        return freeForm == null ? null : (Map<String, Object>) canonicalValue(freeForm);
    }

    private static Object canonicalValue(@Nullable Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<String, Object> sorted = new TreeMap<>();
                map.forEach((key, inner) -> {
                    if (inner != null) {
                        sorted.put(String.valueOf(key), canonicalValue(inner));
                    }
                });
                yield sorted;
            }
            case Collection<?> list -> {
                List<Object> items = new ArrayList<>();
                list.forEach(item -> items.add(canonicalValue(item)));
                yield items;
            }
            case Double d -> BigDecimal.valueOf(d).stripTrailingZeros();
            case Number n -> new BigDecimal(n.toString()).stripTrailingZeros();
            case null -> "";
            default -> value;
        };
    }

    /** The MCP servers of {@code tools} ({@code <tool>_mcp_<server>}), first seen first. */
    private static List<String> mcpServerNames(List<String> tools) {
        Set<String> names = new LinkedHashSet<>();
        for (String tool : tools) {
            int at = tool.lastIndexOf("_mcp_");
            if (at > 0 && at + 5 < tool.length()) {
                names.add(tool.substring(at + 5));
            }
        }
        return List.copyOf(names);
    }

    private static <T> T or(@Nullable T sent, T current) {
        return sent != null ? sent : current;
    }
}
