package io.parley.chat.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** LibreChat's {@code /api/endpoints} and {@code /api/models}. */
@RestController
class EndpointController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final EndpointCatalog catalog;

    EndpointController(EndpointCatalog catalog) {
        this.catalog = catalog;
    }

    /** LibreChat sends this one with {@code res.send(JSON.stringify(..))}, so as text/html; clients parse it either way. */
    @GetMapping("/api/endpoints")
    ResponseEntity<String> endpoints() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Endpoint endpoint : catalog.all()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("order", endpoint.order());
            if (endpoint.kind() != Endpoint.Kind.BUILTIN) {
                entry.put("type", "custom");
            }
            entry.put("userProvide", endpoint.userProvidesKey());
            if (endpoint.kind() != Endpoint.Kind.BUILTIN) {
                entry.put("userProvideURL", endpoint.userProvidesUrl());
                entry.put("modelDisplayLabel", endpoint.sender());
                if (endpoint.iconURL() != null) {
                    entry.put("iconURL", endpoint.iconURL());
                }
            }
            out.put(endpoint.name(), entry);
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .body(JSON.writeValueAsString(out));
    }

    @GetMapping("/api/models")
    Map<String, Object> models() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Endpoint endpoint : catalog.all()) {
            out.put(endpoint.name(), catalog.models(endpoint));
        }
        return out;
    }
}
