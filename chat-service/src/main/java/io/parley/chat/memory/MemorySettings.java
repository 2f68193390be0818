package io.parley.chat.memory;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * librechat.yaml's {@code memory} section, as far as the memory routes use it. Its other fields (the memory
 * agent, {@code personalize}, {@code messageWindowSize}) are about writing memories during a chat, which
 * Parley does not do.
 *
 * @param disabled   LibreChat then takes MEMORIES.USE from every role: the routes answer 403
 * @param validKeys  the only keys a memory may have; empty or unset for any key of the key pattern
 * @param tokenLimit the most tokens a person's memories may hold together; unset or 0 for no limit
 * @param charLimit  the longest value, in characters (LibreChat's default 10,000)
 */
@ConfigurationProperties("librechat.memory")
record MemorySettings(@DefaultValue("false") boolean disabled, @Nullable List<String> validKeys,
                      @Nullable Integer tokenLimit, @DefaultValue("10000") int charLimit) {

    MemorySettings {
        if (tokenLimit != null && tokenLimit < 0) {
            throw new IllegalArgumentException("librechat.yaml memory.tokenLimit must not be negative");
        }
        if (charLimit < 1) {
            throw new IllegalArgumentException("librechat.yaml memory.charLimit must be positive");
        }
        validKeys = validKeys == null ? List.of() : List.copyOf(validKeys);
    }

    /** The token limit, or null when there is none (LibreChat treats 0 as none). */
    @Nullable Integer limit() {
        return tokenLimit == null || tokenLimit == 0 ? null : tokenLimit;
    }
}
