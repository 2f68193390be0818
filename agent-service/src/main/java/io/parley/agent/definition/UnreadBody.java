package io.parley.agent.definition;

import io.parley.common.error.ApiException;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON request body kept as bytes until the route has checked who may touch the agent it names.
 * Spring would parse a typed body before the handler runs, so a stranger's malformed body would be a
 * 400 about the body instead of the 403/404 about the agent, and would tell them the id exists.
 *
 * @param bytes the body as sent; null or empty when there was none
 */
public record UnreadBody(byte[] bytes, JsonMapper json) {

    /**
     * @return the body as a JSON object, or null when there was none (or it was JSON {@code null})
     * @throws ApiException.Invalid as the common handler answers a body Spring could not read
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> asObject() {
        return as(Map.class);
    }

    /** @see #asObject() */
    public <T> T as(Class<T> type) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return json.readValue(bytes, type);
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw malformed();
            }
            String field = String.join(".", e.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : String.valueOf(r.getIndex())).toList());
            throw ApiException.Invalid.field(field, "has the wrong type");
        } catch (JacksonException e) {
            throw malformed();
        }
    }

    private static ApiException malformed() {
        return new ApiException.Invalid("invalid_json", "The request body contains malformed JSON", List.of());
    }
}
