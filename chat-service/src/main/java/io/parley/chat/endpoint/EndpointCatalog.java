package io.parley.chat.endpoint;

import io.parley.chat.provider.ModelProvider;
import io.parley.chat.provider.connect.ModelProviders;
import io.parley.chat.provider.ProviderConnection;
import io.parley.chat.provider.ProviderConnection.Protocol;
import io.parley.chat.provider.ProviderException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The endpoints of this installation, in LibreChat's order: built-in providers that have a key,
 * then librechat.yaml's custom endpoints, then the offline demo when it is on.
 */
@Component
@EnableConfigurationProperties({EndpointsProperties.class, ProvidersProperties.class})
public class EndpointCatalog {

    private static final Logger log = LoggerFactory.getLogger(EndpointCatalog.class);
    /** LibreChat's default order of its built-in endpoints ({@code getEnabledEndpoints}). */
    private static final List<String> DEFAULT_ORDER = List.of("openAI", "agents", "assistants", "azureAssistants",
            "azureOpenAI", "google", "anthropic", "bedrock");
    private static final Duration FETCHED_MODELS_FOR = Duration.ofMinutes(10);
    private static final int CUSTOM_ORDER = 9999;

    private static final String AGENTS = "agents";

    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final boolean agentsEnabled;
    private final ProvidersProperties providers;
    private final ModelProviders connections = new ModelProviders();
    private final DemoProvider demo = new DemoProvider();
    private final Map<String, Fetched> fetched = new ConcurrentHashMap<>();

    private record Fetched(List<String> models, Instant until) {
    }

    EndpointCatalog(ProvidersProperties providers, EndpointsProperties custom,
                    @org.springframework.beans.factory.annotation.Value("${spring.mongodb.uri:}") String mongoUri) {
        this.providers = providers;
        List<Endpoint> all = new ArrayList<>();
        builtin(all, "openAI", Protocol.OPENAI, providers.openai(), "https://api.openai.com/v1", BuiltinModels.OPENAI);
        builtin(all, "google", Protocol.GOOGLE, providers.google(), "https://generativelanguage.googleapis.com/v1beta",
                BuiltinModels.GOOGLE);
        builtin(all, "anthropic", Protocol.ANTHROPIC, providers.anthropic(), "https://api.anthropic.com/v1",
                BuiltinModels.ANTHROPIC);
        for (EndpointsProperties.Custom c : custom.custom()) {
            if (c.name() == null || c.name().isBlank() || c.baseURL() == null || c.apiKey() == null) {
                throw new IllegalStateException("librechat.yaml: every custom endpoint needs name, apiKey and baseURL");
            }
            if (Endpoint.CHAT_ROUTE_NAMES.contains(c.name())) {
                throw new IllegalStateException("librechat.yaml: a custom endpoint may not be named " + c.name()
                        + ": /api/agents/chat/" + c.name() + " is a route of its own");
            }
            all.add(new Endpoint(c.name(), Endpoint.Kind.CUSTOM, Protocol.OPENAI, c.baseURL(), c.apiKey(),
                    c.models().defaults(), c.models().fetch(), c.titleConvo(), c.titleModel(), c.modelDisplayLabel(),
                    c.iconURL(), c.headers(), typed(c.addParams()), c.dropParams(), c.maxContextTokens(), CUSTOM_ORDER));
        }
        // On by default in the one-machine default (no MongoDB given), off otherwise unless asked for.
        if (providers.demo() != null ? providers.demo() : mongoUri.isBlank()) {
            all.add(new Endpoint(DemoProvider.ENDPOINT, Endpoint.Kind.DEMO, Protocol.OPENAI, "", "", List.of(DemoProvider.MODEL),
                    false, true, null, "Offline demo (no model)", null, Map.of(), Map.of(), List.of(), null, CUSTOM_ORDER));
        }
        List<String> enabled = providers.endpoints().stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (Endpoint endpoint : all) {
            if (enabled.isEmpty() || enabled.contains(endpoint.name()) || endpoint.kind() != Endpoint.Kind.BUILTIN) {
                if (endpoints.putIfAbsent(endpoint.name(), endpoint) != null) {
                    throw new IllegalStateException("Two endpoints are named " + endpoint.name());
                }
            }
        }
        agentsEnabled = enabled.isEmpty() || enabled.contains(AGENTS);
        log.info("Chat endpoints: {}{}", endpoints.keySet(), agentsEnabled ? " and agents" : "");
    }

    /**
     * Whether saved agents ({@code endpoint=agents}) are served: always, unless {@code ENDPOINTS} lists
     * the endpoints and leaves {@code agents} out, as in LibreChat.
     */
    public boolean agentsEnabled() {
        return agentsEnabled;
    }

    /** LibreChat's place of {@code agents} among the endpoints. */
    public static int agentsOrder() {
        return DEFAULT_ORDER.indexOf(AGENTS);
    }

    private void builtin(List<Endpoint> all, String name, Protocol protocol, ProvidersProperties.Builtin config,
                         String defaultUrl, List<String> defaultModels) {
        if (config.apiKey().isBlank()) {
            return;
        }
        String url = config.baseUrl().isBlank() ? defaultUrl : config.baseUrl();
        List<String> models = config.models().isEmpty() ? defaultModels : config.models();
        all.add(new Endpoint(name, Endpoint.Kind.BUILTIN, protocol, url, config.apiKey(), models, false,
                providers.titleConvo(), config.titleModel().isBlank() ? null : config.titleModel(), null, null,
                Map.of(), Map.of(), List.of(), null, DEFAULT_ORDER.indexOf(name)));
    }

    public Optional<Endpoint> find(String name) {
        return Optional.ofNullable(name == null ? null : endpoints.get(name));
    }

    public List<Endpoint> all() {
        return List.copyOf(endpoints.values());
    }

    /**
     * The endpoint's models: its list, or with {@code fetch} the provider's own list (kept for a
     * while; the configured list when the provider cannot be asked).
     */
    public List<String> models(Endpoint endpoint) {
        if (!endpoint.fetchModels() || endpoint.userProvidesKey() || endpoint.userProvidesUrl()) {
            return endpoint.defaultModels();
        }
        Fetched cached = fetched.get(endpoint.name());
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return cached.models();
        }
        List<String> models;
        try {
            models = connections.connect(connection(endpoint, endpoint.apiKey(), endpoint.baseUrl())).models();
        } catch (ProviderException e) {
            log.warn("Could not fetch the models of endpoint {}: {}", endpoint.name(), e.getMessage());
            models = endpoint.defaultModels();
        }
        fetched.put(endpoint.name(), new Fetched(models, Instant.now().plus(FETCHED_MODELS_FOR)));
        return models;
    }

    /**
     * The provider to call for {@code endpoint}, with the key (and base URL) the person brought when
     * the endpoint asks for them.
     */
    public ModelProvider provider(Endpoint endpoint, String userKey, String userBaseUrl) {
        if (endpoint.kind() == Endpoint.Kind.DEMO) {
            return demo;
        }
        String key = endpoint.userProvidesKey() ? userKey : endpoint.apiKey();
        String url = endpoint.userProvidesUrl() ? userBaseUrl : endpoint.baseUrl();
        return connections.connect(connection(endpoint, key, url));
    }

    private ProviderConnection connection(Endpoint endpoint, String key, String url) {
        return new ProviderConnection(endpoint.protocol(), URI.create(url), key, endpoint.headers(), endpoint.addParams(),
                endpoint.dropParams(), providers.connectTimeout(), providers.readTimeout(), providers.maxRetries());
    }

    @jakarta.annotation.PreDestroy
    void close() {
        connections.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> typed(Map<String, String> params) {
        return (Map<String, Object>) YamlValues.typed(params);
    }
}
