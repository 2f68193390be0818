package io.parley.chat.key;

/**
 * The body of {@code PUT /api/keys}; {@link UserKeys#save} checks it.
 *
 * @param name      endpoint name, e.g. {@code openAI} or a custom endpoint's name
 * @param value     the key, or a JSON string with {@code apiKey} and {@code baseURL}
 * @param expiresAt ISO-8601 instant; null or empty for never
 */
record UserKeyRequest(String name, String value, String expiresAt) {

    /** Never shows the value. */
    @Override
    public String toString() {
        return "UserKeyRequest[name=" + name + ", expiresAt=" + expiresAt + "]";
    }
}
