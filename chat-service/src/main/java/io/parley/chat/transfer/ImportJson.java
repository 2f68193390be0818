package io.parley.chat.transfer;

import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON plumbing of imports and exports. */
final class ImportJson {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private ImportJson() {
    }

    static Map<String, Object> toMap(JsonNode node) {
        return JSON.convertValue(node, new TypeReference<Map<String, Object>>() { });
    }
}
