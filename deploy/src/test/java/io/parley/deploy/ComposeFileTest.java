package io.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/compose/compose.yaml as Compose would read it (anchors and merge keys resolved), checked
 * against the services' own defaults, since no Docker engine runs here to start it.
 */
@SuppressWarnings("unchecked")
class ComposeFileTest {

    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    static void read() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(
                Manifests.root().resolve("deploy/compose/compose.yaml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void runsTheStoresTheCollectorAndTheSixImages() {
        assertThat(services.keySet()).containsExactlyInAnyOrder("mongo", "redis", "otel-collector", "gateway",
                "auth-service", "chat-service", "agent-service", "file-service", "mcp-service", "file-data-owner");
        String version = System.getProperty("parley.version", "0.1.0-SNAPSHOT");
        for (String name : KubernetesManifestsTest.WORKLOADS) {
            assertThat(services.get(name).get("image"))
                    .isEqualTo("${PARLEY_REGISTRY:-parley}/" + name + ":${PARLEY_TAG:-" + version + "}");
            assertThat(services.get(name).get("read_only")).as(name).isEqualTo(true);
        }
        assertThat((List<String>) services.get("mongo").get("command")).contains("--replSet");
    }

    @Test
    void eachServiceHasItsOwnDatabaseRedisAndTheCollector() throws IOException {
        for (String name : KubernetesManifestsTest.SERVICES) {
            Map<String, Object> env = environment(name);
            assertThat(env.get("MONGODB_URI")).as(name)
                    .isEqualTo("mongodb://mongo:27017/" + defaultOf(name, "spring.mongodb.database") + "?replicaSet=rs0");
            if (!name.equals("auth-service")) {
                assertThat(env.get("AUTH_GRPC_ADDRESS")).isEqualTo("static://auth-service:9081");
            }
        }
        // agent runs: chat-service reaches agent-service and mcp-service on their own gRPC ports
        Map<String, Object> chat = environment("chat-service");
        assertThat(chat.get("AGENT_GRPC_ADDRESS"))
                .isEqualTo("static://agent-service:" + defaultOf("agent-service", "spring.grpc.server.port"));
        assertThat(chat.get("MCP_GRPC_ADDRESS"))
                .isEqualTo("static://mcp-service:" + defaultOf("mcp-service", "spring.grpc.server.port"));
        // attachments (chat-service) and provider pictures (auth-service) go to file-service's Files
        for (String name : List.of("chat-service", "auth-service")) {
            assertThat(environment(name).get("FILE_GRPC_ADDRESS")).as(name)
                    .isEqualTo("static://file-service:" + defaultOf("file-service", "spring.grpc.server.port"));
        }
        for (String name : KubernetesManifestsTest.WORKLOADS) {
            Map<String, Object> env = environment(name);
            assertThat(env.get("REDIS_URI")).as(name).isEqualTo("redis://redis:6379");
            assertThat(env.get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT"))
                    .isEqualTo("http://otel-collector:4318/v1/traces");
            assertThat(env.get("CONFIG_PATH")).isEqualTo("/config/librechat.yaml");
            assertThat((String) env.get("PARLEY_EDGE_KEY")).as(name).startsWith("${PARLEY_EDGE_KEY:?");
        }
        assertThat(environment("gateway")).doesNotContainKey("MONGODB_URI")
                .containsEntry("CHAT_SERVICE_URL", "http://chat-service:3082")
                .containsEntry("PARLEY_API_DOCS", "${PARLEY_API_DOCS:-false}");
        assertThat((String) environment("chat-service").get("CREDS_KEY")).startsWith("${CREDS_KEY:?");
        assertThat((String) environment("mcp-service").get("CREDS_KEY")).startsWith("${CREDS_KEY:?");
    }

    @Test
    void healthChecksProbeReadinessAndStartOrderFollowsThem() throws IOException {
        assertThat(Manifests.root().resolve("common/src/main/java/io/parley/common/health/HealthCheck.java")).exists();
        for (String name : KubernetesManifestsTest.WORKLOADS) {
            List<String> test = (List<String>) ((Map<String, Object>) services.get(name).get("healthcheck")).get("test");
            String port = name.equals("gateway") ? "3080" : defaultOf(name, "server.port");
            assertThat(test).containsSequence("java", "-cp", "@/app/jib-classpath-file", "io.parley.common.health.HealthCheck")
                    .endsWith("http://127.0.0.1:" + port + "/actuator/health/readiness");
        }
        for (String name : KubernetesManifestsTest.SERVICES) {
            Map<String, Object> dependsOn = (Map<String, Object>) services.get(name).get("depends_on");
            assertThat(dependsOn).containsEntry("mongo", Map.of("condition", "service_healthy"))
                    .containsEntry("redis", Map.of("condition", "service_healthy"));
        }
        Map<String, Object> gateway = (Map<String, Object>) services.get("gateway").get("depends_on");
        KubernetesManifestsTest.SERVICES.forEach(name ->
                assertThat(gateway).containsEntry(name, Map.of("condition", "service_healthy")));
        assertThat((Map<String, Object>) services.get("mongo").get("healthcheck")).containsKey("test");
        assertThat((Map<String, Object>) services.get("redis").get("healthcheck")).containsKey("test");
    }

    @Test
    void fileServiceKeepsLocalFilesOnANamedVolumeItMayWriteAndStillReadsTheConfig() throws IOException {
        Map<String, Object> file = services.get("file-service");
        String dataDir = (String) environment("file-service").get("FILE_DATA_DIR");
        assertThat(dataDir).as("not the image's read-only default " + defaultOf("file-service", "parley.file.local.root"))
                .startsWith("/data/");
        assertThat((List<String>) file.get("volumes")).contains("file-data:/data", "../k8s/base/librechat.yaml:/config/librechat.yaml:ro");
        assertThat((Map<String, Object>) file.get("depends_on"))
                .containsEntry("file-data-owner", Map.of("condition", "service_completed_successfully"));
        assertThat((List<String>) services.get("file-data-owner").get("command")).containsExactly("chown", "-R", "65532:65532", "/data");
    }

    @Test
    void onlyTheGatewayIsPublished() {
        services.forEach((name, service) -> {
            if (!name.equals("gateway")) {
                assertThat(service).as(name).doesNotContainKey("ports");
            }
        });
        assertThat((List<String>) services.get("gateway").get("ports")).containsExactly("3080:3080");
    }

    private static Map<String, Object> environment(String service) {
        return (Map<String, Object>) services.get(service).get("environment");
    }

    /**
     * The default of a setting in a service's application.yml: {@code server: port: ${CHAT_PORT:3082}}
     * gives 3082. Spring's YAML may nest keys or join them with dots ({@code mongodb.database}).
     */
    private static String defaultOf(String service, String key) throws IOException {
        Object node = new Yaml().load(Files.readString(
                Manifests.root().resolve(service + "/src/main/resources/application.yml")));
        String rest = key;
        while (!rest.isEmpty()) {
            Map<String, Object> map = (Map<String, Object>) node;
            String segment = rest;
            while (!map.containsKey(segment) && segment.contains(".")) {
                segment = segment.substring(0, segment.lastIndexOf('.'));
            }
            assertThat(map).as(key + " in " + service).containsKey(segment);
            node = map.get(segment);
            rest = rest.length() == segment.length() ? "" : rest.substring(segment.length() + 1);
        }
        Matcher placeholder = Pattern.compile("\\$\\{\\w+:([^}]*)}").matcher(String.valueOf(node));
        return placeholder.matches() ? placeholder.group(1) : String.valueOf(node);
    }
}
