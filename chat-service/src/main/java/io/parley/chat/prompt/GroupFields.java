package io.parley.chat.prompt;

import io.parley.common.error.ApiException;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a prompt group a client sets, when making one or changing one; null where not sent.
 *
 * @param name        trimmed
 * @param command     the slash command; may be sent as null to remove it
 * @param commandSent whether {@code command} was sent, so that a change can tell removing it from leaving it
 */
record GroupFields(@Size(min = 1, max = 255, message = GroupFields.SIZE) @Nullable String name,
                   @Size(max = 500, message = GroupFields.SIZE) @Nullable String oneliner,
                   @Size(max = 100, message = GroupFields.SIZE) @Nullable String category,
                   @Size(max = 56, message = GroupFields.SIZE)
                   @Pattern(regexp = "[a-z0-9-]*", message = "may hold only a-z, 0-9 and '-'") @Nullable String command,
                   boolean commandSent) {

    static final String SIZE = "must be {min} to {max} characters";
    static final Set<String> FIELDS = Set.of("name", "oneliner", "category", "command");

    /**
     * @param group  the body's group, as sent
     * @param strict true to refuse fields a client may not set (a change, LibreChat's strict schema); false to
     *               ignore them (a new group)
     * @throws ApiException.Invalid naming the field when one is refused or not text
     */
    static GroupFields of(Map<?, ?> group, boolean strict) {
        if (strict) {
            group.keySet().stream().map(String::valueOf).filter(field -> !FIELDS.contains(field)).findFirst()
                    .ifPresent(field -> {
                        throw ApiException.Invalid.field(field, "cannot be changed here");
                    });
        }
        String name = text(group, "name", false);
        return new GroupFields(name == null ? null : name.trim(), text(group, "oneliner", false),
                text(group, "category", false), text(group, "command", true), group.containsKey("command"));
    }

    /**
     * @return the text at {@code field}; null when it was not sent, or sent as null and {@code nullable}
     * @throws ApiException.Invalid naming {@code field} when the value is anything else
     */
    private static @Nullable String text(Map<?, ?> group, String field, boolean nullable) {
        Object value = group.get(field);
        if (value instanceof String || value == null && (nullable || !group.containsKey(field))) {
            return (String) value;
        }
        throw ApiException.Invalid.field(field, "must be text");
    }
}
