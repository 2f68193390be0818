package io.parley.chat.endpoint;

import io.parley.common.pricing.TokenRates;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** LibreChat's {@code /api/endpoints}, {@code /api/endpoints/token-config} and {@code /api/models}. */
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
        boolean agentsListed = !catalog.agentsEnabled();
        for (Endpoint endpoint : catalog.all()) {
            if (!agentsListed && (endpoint.kind() != Endpoint.Kind.BUILTIN || endpoint.order() > EndpointCatalog.agentsOrder())) {
                out.put("agents", agents());
                agentsListed = true;
            }
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
        if (!agentsListed) {
            out.put("agents", agents());
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .body(JSON.writeValueAsString(out));
    }

    /**
     * Saved agents, run by chat-service with the agent's provider. Of LibreChat's capabilities only
     * {@code context} (documents uploaded as text: "Upload as Text") and {@code tools} (MCP tools) are
     * served, so only those are announced: the client then offers no file search, code execution, actions
     * or chains that would silently do nothing.
     */
    private static Map<String, Object> agents() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("order", EndpointCatalog.agentsOrder());
        entry.put("userProvide", false);
        entry.put("disableBuilder", false);
        entry.put("capabilities", java.util.List.of("context", "tools"));
        return entry;
    }

    /**
     * LibreChat's token config ({@code TTokenConfigMap}): per endpoint and model, the context window turns
     * are cut to ({@code context}) and the prices the turns are charged at, USD per 1M tokens
     * ({@code prompt}, {@code completion}). The client sizes its context gauge by it and, when librechat.yaml's
     * {@code interface.contextCost} is on, shows costs. Contexts come from this process's configuration, prices
     * from common's {@link TokenRates}, the table auth-service settles turns at; no cache prices, since Parley
     * charges none.
     */
    @GetMapping("/api/endpoints/token-config")
    Map<String, Map<String, Map<String, Object>>> tokenConfig() {
        Map<String, Map<String, Map<String, Object>>> out = new LinkedHashMap<>();
        for (Endpoint endpoint : catalog.all()) {
            Map<String, Map<String, Object>> models = new LinkedHashMap<>();
            for (String model : catalog.models(endpoint)) {
                TokenRates.Price price = TokenRates.of(model);
                Map<String, Object> tokenomics = new LinkedHashMap<>();
                tokenomics.put("context", endpoint.contextTokens());
                tokenomics.put("prompt", price.prompt());
                tokenomics.put("completion", price.completion());
                models.put(model, tokenomics);
            }
            if (!models.isEmpty()) {
                out.put(endpoint.name(), models);
            }
        }
        return out;
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
