package io.parley.agent.marketplace;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An entry of LibreChat's categories: {@code label} and {@code description} are the client's i18n keys for
 * the default ones.
 *
 * @param count how many agents the caller can see in it; none on "all"
 */
record Category(String value, String label, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long count,
                String description) {
}
