package io.parley.chat.key;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PUT /api/keys}; {@link UserKeys#save} takes it only valid.
 *
 * @param name      endpoint name, e.g. {@code openAI} or a custom endpoint's name
 * @param value     the key, or a JSON string with {@code apiKey} and {@code baseURL}
 * @param expiresAt ISO-8601 instant or date; null or empty for never. {@link UserKeys#save} reads it, since
 *                  "in the future" is a question for its clock
 */
record UserKeyRequest(@KeyName String name,
                      @NotBlank(message = "is required") @MaxUtf8Bytes(UserKeys.MAX_VALUE_BYTES) String value,
                      @Nullable String expiresAt) {

    /** Never shows the value. */
    @Override
    public String toString() {
        return "UserKeyRequest[name=" + name + ", expiresAt=" + expiresAt + "]";
    }
}
