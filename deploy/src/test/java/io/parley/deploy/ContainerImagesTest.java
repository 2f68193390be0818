package io.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The image of each deployable as {@code jib:buildTar} wrote it ({@code ./mvnw -Pimages package}), read
 * from the tar: what a container runtime would start, as whom, on which ports, with which labels and
 * JVM flags, and that the files the entrypoint names are in the layers. Without -Pimages there are no
 * tars and this is skipped; with it (as in .ci/run) a missing tar fails.
 */
class ContainerImagesTest {

    private static final boolean REQUIRED = Boolean.getBoolean("parley.images");

    @ParameterizedTest
    @CsvSource({
            "gateway, io.parley.gateway.GatewayApplication, 3080",
            "auth-service, io.parley.auth.AuthApplication, 3081 9081",
            "chat-service, io.parley.chat.ChatApplication, 3082 9082",
            "agent-service, io.parley.agent.AgentApplication, 3083 9083",
            "file-service, io.parley.file.FileApplication, 3084 9084",
            "mcp-service, io.parley.mcp.McpApplication, 3085 9085"})
    void imageDeclaresANonRootUserContainerSizedJvmFlagsItsPortsAndCarriesWhatItsEntrypointRuns(String module, String mainClass, String ports)
            throws IOException {
        Path tar = Manifests.root().resolve(module).resolve("target/jib-image.tar");
        if (!REQUIRED) {
            assumeTrue(Files.exists(tar), "no image built (./mvnw -Pimages package builds them)");
        }
        assertThat(tar).as("image tar of " + module).exists();
        OciTar image = OciTar.read(tar);
        String version = System.getProperty("parley.version", "0.1.0-SNAPSHOT");
        assertThat(image.refName()).isEqualTo("parley/" + module + ":" + version);

        JsonNode config = image.config().path("config");
        List<String> entrypoint = texts(config.path("Entrypoint"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError",
                "--enable-native-access=ALL-UNNAMED");
        assertThat(entrypoint.subList(entrypoint.size() - 3, entrypoint.size()))
                .containsExactly("-cp", "@/app/jib-classpath-file", mainClass);
        assertThat(config.path("Cmd").isMissingNode() || config.path("Cmd").isEmpty()).isTrue();

        assertThat(config.path("User").asText()).isEqualTo("65532:65532");
        assertThat(texts(config.path("Env"))).contains("BIND_ADDRESS=0.0.0.0");
        List<String> exposed = new ArrayList<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(exposed::add);
        assertThat(exposed).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(ports.split(" ")).map(p -> p + "/tcp").toList());

        Map<String, String> labels = new java.util.HashMap<>();
        config.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        assertThat(labels).containsEntry("org.opencontainers.image.version", version)
                .containsEntry("org.opencontainers.image.title", "parley-" + module);
        // git's commit id where the build had a checkout, else the pom's stated "unknown" (never an unresolved property)
        assertThat(labels.get("org.opencontainers.image.revision")).as("source revision")
                .matches("[0-9a-f]{40}|unknown");

        // what the entrypoint needs is in the layers: a java on the PATH, the classpath file, the main class
        Set<String> files = image.files();
        assertThat(files).contains("app/jib-classpath-file", "app/jib-main-class-file",
                "app/classes/" + mainClass.replace('.', '/') + ".class");
        assertThat(files).anyMatch(path -> path.equals("usr/bin/java") || path.endsWith("/bin/java"));
        assertThat(files).anyMatch(path -> path.matches("app/libs/common-.*\\.jar"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
