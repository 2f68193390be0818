package io.parley.agent.definition;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The create and update body of LibreChat's agent routes ({@code packages/api/src/agents/validation.ts}),
 * read by {@link io.parley.common.body.BodyReader}: fields it does not name are dropped, as zod drops
 * them, and a failing field is a 400 {@value #INVALID} naming every failing field, with nothing stored.
 * A field is null when the body left it out; only {@link #NULLABLE} ones may be sent as null, which
 * clears them.
 *
 * <p>Sizes LibreChat leaves open are bounded here: name 256, description 2,000 and instructions 100,000
 * characters, 1,000 tools, 4 conversation starters (LibreChat's {@code MAX_CONVO_STARTERS}), 100 edges,
 * {@value StorableJson#MAX_CHARS} characters of JSON each for {@code model_parameters} and {@code tool_options}.
 *
 * @param is_promoted LibreChat has no route that promotes an agent; here an ADMIN may, and others' value is
 *                    dropped before reading
 */
record AgentRequest(
        @Nullable @Size(max = 256, message = TEXT_MAX) String name,
        @Nullable @Size(max = 2_000, message = TEXT_MAX) String description,
        @Nullable @Size(max = 100_000, message = TEXT_MAX) String instructions,
        @Nullable @Valid Avatar avatar,
        @Nullable @NotNull(groups = Creating.class, message = "is required") @ProviderName String provider,
        @Nullable @NotNull(groups = Creating.class, message = "is required")
        @Pattern(regexp = ".*\\S.*", flags = Pattern.Flag.DOTALL, message = "must name a model")
        @Size(max = 256, message = TEXT_MAX) String model,
        @Nullable @StorableJson Map<String, Object> model_parameters,
        @Nullable @Size(max = 64, message = TEXT_MAX) String artifacts,
        @Nullable @Min(value = 1, message = RECURSION_LIMIT) @Max(value = 1_000, message = RECURSION_LIMIT) Integer recursion_limit,
        @Nullable @Size(max = 1_000, message = ITEMS_MAX)
        List<@NotEmpty(message = NOT_EMPTY) @Size(max = 256, message = TEXT_MAX) String> tools,
        @Nullable @Size(max = 100, message = ITEMS_MAX)
        List<@NotEmpty(message = NOT_EMPTY) @Size(max = 64, message = TEXT_MAX) String> agent_ids,
        @Nullable @Size(max = 100, message = ITEMS_MAX) List<@NotNull(message = "must be an edge") @Valid AgentEdge> edges,
        @Nullable Boolean end_after_tools,
        @Nullable Boolean hide_sequential_outputs,
        @Nullable @Size(max = 4, message = ITEMS_MAX)
        List<@NotEmpty(message = NOT_EMPTY) @Size(max = 1_000, message = TEXT_MAX) String> conversation_starters,
        @Nullable @Valid ToolResources tool_resources,
        @Nullable @StorableJson Map<String, Object> tool_options,
        @Nullable @Size(min = 1, max = 100, message = "must be {min} to {max} characters") String category,
        @Nullable @Valid SupportContact support_contact,
        @Nullable Boolean is_promoted) {

    /** LibreChat's {@code error} for a body that fails its schema. */
    static final String INVALID = "Invalid request data";
    /** The fields LibreChat's schema declares {@code .nullable()}: null clears them. */
    static final Set<String> NULLABLE = Set.of("name", "description", "instructions", "avatar");

    static final String TEXT_MAX = "must be at most {max} characters";
    static final String ITEMS_MAX = "must hold at most {max} items";
    static final String NOT_EMPTY = "must not be empty";
    private static final String RECURSION_LIMIT = "must be a whole number from 1 to 1000";

    /** The checks of a create only: an agent needs a provider and a model from the start. */
    interface Creating {
    }
}
