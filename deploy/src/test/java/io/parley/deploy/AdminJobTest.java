package io.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s/admin/job.yaml, the template of an admin command as a Kubernetes Job, and what it relies on:
 * its pod parsed strictly (fabric8's core model; the Job's own fields are checked by name), the rules
 * every pod of the installation keeps, the operator key only referenced from the Secret auth-service reads
 * it from, and the parley/admin image.
 */
class AdminJobTest {

    static final Set<String> COMMANDS = Set.of("create-user", "invite-user", "list-users", "reset-password", "ban-user",
            "delete-user", "add-balance", "set-balance", "list-balances", "user-stats", "update-banner", "delete-banner",
            "reset-terms", "flush-cache");

    private static JsonNode job() throws IOException {
        return Manifests.YAML.readTree(Manifests.root().resolve("deploy/k8s/admin/job.yaml").toFile());
    }

    @Test
    void theJobRunsOneKnownCommandOnceWithADeadlineAndCleansUpAfter() throws IOException {
        JsonNode job = job();
        assertThat(job.path("apiVersion").asText() + "/" + job.path("kind").asText()).isEqualTo("batch/v1/Job");
        assertThat(job.at("/metadata/generateName").asText()).isEqualTo("parley-admin-");
        assertThat(job.at("/spec/backoffLimit").asInt(-1)).isZero();
        assertThat(job.at("/spec/activeDeadlineSeconds").asInt()).isPositive();
        assertThat(job.at("/spec/ttlSecondsAfterFinished").asInt()).isPositive();
        Set<String> known = Set.of("apiVersion", "kind", "metadata", "spec");
        job.fieldNames().forEachRemaining(field -> assertThat(known).contains(field));
        Set<String> specFields = Set.of("backoffLimit", "activeDeadlineSeconds", "ttlSecondsAfterFinished", "template");
        job.path("spec").fieldNames().forEachRemaining(field -> assertThat(specFields).as("Job spec field").contains(field));

        Container container = container();
        assertThat(container.getArgs()).isNotEmpty();
        assertThat(COMMANDS).contains(container.getArgs().get(0));
        assertThat(pod().getRestartPolicy()).isEqualTo("Never");
    }

    @Test
    void itsPodRunsAsNonRootOnAReadOnlyFileSystemWithLimits() throws IOException {
        PodSpec pod = pod();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
        Container container = container();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getResources().getLimits().get("memory")).isEqualTo(container.getResources().getRequests().get("memory"));
        assertThat(container.getImage()).matches(".+/parley/admin:\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void theOperatorKeyComesFromTheSecretAuthServiceReadsItFromAndTheJobGoesThroughTheGateway() throws IOException {
        Map<String, EnvVar> env = container().getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        assertThat(env.get("PARLEY_OPERATOR_KEY").getValue()).isNull();
        assertThat(env.get("PARLEY_OPERATOR_KEY").getValueFrom().getSecretKeyRef().getName()).isEqualTo("parley-operator");
        assertThat(env.get("PARLEY_URL").getValue()).isEqualTo("http://gateway:3080");
        assertThat(env).containsKey("PARLEY_TENANT");

        Path auth = Manifests.root().resolve("deploy/k8s/base/auth-service.yaml");
        Deployment deployment = Manifests.named(Manifests.parse(Files.readString(auth), "auth-service.yaml"),
                Deployment.class, "auth-service");
        EnvVar key = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("PARLEY_OPERATOR_KEY")).findFirst().orElseThrow();
        assertThat(key.getValueFrom().getSecretKeyRef().getName()).isEqualTo("parley-operator");
        assertThat(key.getValueFrom().getSecretKeyRef().getOptional()).as("no Secret: operator access off").isTrue();
    }

    @Test
    void theAdminImageRunsTheCommandsAsTheNonRootUserWithTheGatewayAsItsDefault() throws IOException {
        Path tar = Manifests.root().resolve("admin-cli/target/jib-image.tar");
        if (!Boolean.getBoolean("parley.images")) {
            assumeTrue(Files.exists(tar), "no image built (./mvnw -Pimages package builds them)");
        }
        OciTar image = OciTar.read(tar);
        assertThat(image.refName()).isEqualTo("parley/admin:" + System.getProperty("parley.version", "0.1.0-SNAPSHOT"));
        com.fasterxml.jackson.databind.JsonNode config = image.config().path("config");
        List<String> entrypoint = new java.util.ArrayList<>();
        config.path("Entrypoint").forEach(node -> entrypoint.add(node.asText()));
        assertThat(entrypoint.getLast()).isEqualTo("io.parley.admin.AdminCli");
        assertThat(config.path("User").asText()).isEqualTo("65532:65532");
        List<String> env = new java.util.ArrayList<>();
        config.path("Env").forEach(node -> env.add(node.asText()));
        assertThat(env).contains("PARLEY_URL=http://gateway:3080");
        assertThat(config.path("Labels").path("org.opencontainers.image.title").asText()).isEqualTo("parley-admin");
        assertThat(image.files()).contains("app/classes/io/parley/admin/AdminCli.class");
    }

    private static PodSpec pod() throws IOException {
        return Manifests.YAML.treeToValue(job().at("/spec/template"), PodTemplateSpec.class).getSpec();
    }

    private static Container container() throws IOException {
        List<Container> containers = pod().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }
}
