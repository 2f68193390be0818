package io.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/k8s as Kubernetes would receive it: each overlay rendered by {@code kubectl kustomize} (skipped
 * when kubectl is not installed), every document parsed strictly into fabric8's model, and the rules
 * the installation relies on checked: who may reach whom, probes, limits, non-root pods, secrets only
 * referenced, images tagged per environment.
 */
class KubernetesManifestsTest {

    static final List<String> SERVICES = List.of("auth-service", "chat-service", "agent-service", "file-service",
            "mcp-service");
    static final List<String> WORKLOADS = List.of("gateway", "auth-service", "chat-service", "agent-service",
            "file-service", "mcp-service");
    static final Map<String, String> PART_OF = Map.of("app.kubernetes.io/part-of", "parley");

    private static final Map<String, List<HasMetadata>> RENDERED = new HashMap<>();

    private static List<HasMetadata> overlay(String env) {
        Path kubectl = Manifests.kubectl().orElse(null);
        assumeTrue(kubectl != null, "kubectl is not installed: the overlays are not rendered (the base files are still parsed)");
        return RENDERED.computeIfAbsent(env, e -> Manifests.parse(
                Manifests.render(kubectl, Manifests.root().resolve("deploy/k8s/overlays/" + e)), "overlays/" + e));
    }

    @Test
    void baseFilesParseStrictlyWithoutKustomize() throws IOException {
        Path base = Manifests.root().resolve("deploy/k8s/base");
        JsonNode kustomization = Manifests.YAML.readTree(base.resolve("kustomization.yaml").toFile());
        List<HasMetadata> all = new ArrayList<>();
        for (JsonNode file : kustomization.path("resources")) {
            all.addAll(Manifests.parse(Files.readString(base.resolve(file.asText())), file.asText()));
        }
        for (String workload : WORKLOADS) {
            Manifests.named(all, Deployment.class, workload);
        }
    }

    @Test
    void strictParsingRejectsAMisspeltField() {
        String misspelt = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: { name: x }
                spec:
                  selector: { matchLabels: { a: b } }
                  template:
                    metadata: { labels: { a: b } }
                    spec:
                      containers:
                        - name: x
                          image: x
                          readinesProbe: { httpGet: { path: /, port: 80 } }
                """;
        assertThatThrownBy(() -> Manifests.parse(misspelt, "test")).hasMessageContaining("readinesProbe");
        assertThatThrownBy(() -> Manifests.parse("apiVersion: v1\nkind: Pod\nmetadata: { name: x }\n", "test"))
                .hasMessageContaining("unexpected kind v1/Pod");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyWorkloadHasItsDeploymentServiceAccountServiceAutoscalerBudgetAndPolicy(String env) {
        List<HasMetadata> resources = overlay(env);
        for (String name : WORKLOADS) {
            Deployment deployment = Manifests.named(resources, Deployment.class, name);
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).as(name).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels())
                    .containsAllEntriesOf(PART_OF);
            assertThat(Manifests.named(resources, ServiceAccount.class, name).getAutomountServiceAccountToken()).isFalse();
            assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(name);

            Service service = Manifests.named(resources, Service.class, name);
            assertThat(podLabels).as(name + " service selector").containsAllEntriesOf(service.getSpec().getSelector());
            Set<String> portNames = container(deployment).getPorts().stream().map(ContainerPort::getName)
                    .collect(Collectors.toSet());
            service.getSpec().getPorts().forEach(port ->
                    assertThat(portNames).as(name + " service port").contains(port.getTargetPort().getStrVal()));

            HorizontalPodAutoscaler hpa = Manifests.named(resources, HorizontalPodAutoscaler.class, name);
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(name);
            assertThat(hpa.getSpec().getMinReplicas()).isPositive();
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
            assertThat(deployment.getSpec().getReplicas()).as("replicas are the autoscaler's").isNull();

            PodDisruptionBudget pdb = Manifests.named(resources, PodDisruptionBudget.class, name);
            assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
            assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);

            assertThat(Manifests.named(resources, NetworkPolicy.class, name).getSpec().getPodSelector().getMatchLabels())
                    .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void podsRunAsNonRootOnAReadOnlyFileSystemWithProbesAndResources(String env) {
        for (Deployment deployment : Manifests.ofKind(overlay(env), Deployment.class)) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isEqualTo(65532L);
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            Container container = container(deployment);
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(name).containsExactly("ALL");
            assertThat(container.getVolumeMounts()).as(name + " writable /tmp")
                    .anyMatch(mount -> mount.getMountPath().equals("/tmp"));

            var resources = container.getResources();
            assertThat(resources.getRequests()).as(name).containsKeys("cpu", "memory");
            assertThat(resources.getLimits()).as(name).containsKeys("cpu", "memory");
            // the JVM sizes its heap from the limit; a request below it would let the node overcommit memory
            assertThat(resources.getLimits().get("memory")).as(name).isEqualTo(resources.getRequests().get("memory"));

            assertHttpProbe(name, container.getReadinessProbe(), "/actuator/health/readiness");
            assertHttpProbe(name, container.getLivenessProbe(), "/actuator/health/liveness");
            assertThat(container.getStartupProbe()).as(name + " startup probe").isNotNull();
            if (SERVICES.contains(name)) {
                int grpcPort = container.getPorts().stream().filter(p -> p.getName().equals("grpc")).findFirst()
                        .orElseThrow().getContainerPort();
                assertThat(container.getStartupProbe().getGrpc().getPort()).as(name + " gRPC health").isEqualTo(grpcPort);
            }
            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", "/actuator/prometheus")
                    .containsEntry("prometheus.io/port", String.valueOf(container.getPorts().get(0).getContainerPort()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheGatewayIsReachableFromOutside(String env) {
        List<HasMetadata> resources = overlay(env);
        NetworkPolicy deny = Manifests.named(resources, NetworkPolicy.class, "default-deny-ingress");
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();

        for (NetworkPolicy policy : Manifests.ofKind(resources, NetworkPolicy.class)) {
            String name = policy.getMetadata().getName();
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                    assertThat(name).as("a rule open to every source").isEqualTo("gateway");
                    assertThat(rule.getPorts()).extracting(p -> p.getPort().getStrVal()).containsExactly("http");
                    continue;
                }
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertThat(peer.getIpBlock()).as(name).isNull();
                    if (peer.getNamespaceSelector() != null) {
                        // Prometheus, from its own namespace, to the HTTP port that serves /actuator/prometheus
                        assertThat(peer.getNamespaceSelector().getMatchLabels())
                                .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
                        assertThat(rule.getPorts()).extracting(p -> p.getPort().getStrVal()).containsExactly("http");
                    } else {
                        assertThat(peer.getPodSelector().getMatchLabels()).as(name).isEqualTo(PART_OF);
                    }
                }
            }
        }
        Ingress ingress = Manifests.named(resources, Ingress.class, "parley");
        ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
            assertThat(path.getBackend().getService().getName()).isEqualTo("gateway");
            assertThat(path.getPath()).doesNotStartWith("/actuator");
        }));
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600");
        assertThat(Manifests.ofKind(resources, Service.class))
                .allSatisfy(service -> assertThat(service.getSpec().getType()).isIn(null, "ClusterIP"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void secretsAreReferencedNeverCarried(String env) {
        List<HasMetadata> resources = overlay(env);
        assertThat(Manifests.ofKind(resources, Secret.class)).as("Secrets are created in the cluster, not committed").isEmpty();
        for (Deployment deployment : Manifests.ofKind(resources, Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Map<String, EnvVar> env2 = container(deployment).getEnv().stream()
                    .collect(Collectors.toMap(EnvVar::getName, e -> e));
            assertThat(env2.get("REDIS_URI").getValueFrom().getSecretKeyRef().getName()).isEqualTo("parley-redis");
            assertThat(env2.get("PARLEY_EDGE_KEY").getValueFrom().getSecretKeyRef().getName()).as(name).isEqualTo("parley-edge");
            if (SERVICES.contains(name)) {
                assertThat(env2.get("MONGODB_URI").getValueFrom().getSecretKeyRef().getName()).isEqualTo(name + "-mongodb");
            } else {
                assertThat(env2).doesNotContainKey("MONGODB_URI");
            }
            env2.values().forEach(variable -> assertThat(variable.getValue())
                    .as(name + " " + variable.getName() + " holds a value in the manifest").isNull());
        }
        for (ConfigMap config : Manifests.ofKind(resources, ConfigMap.class)) {
            assertThat(config.getData().keySet()).noneMatch(key -> key.matches(".*(KEY|SECRET|PASSWORD|TOKEN|_URI)$"));
        }
    }

    @Test
    void imagesAreTaggedPerOverlay() {
        Map<String, String> dev = images(overlay("dev"));
        Map<String, String> prod = images(overlay("prod"));
        String version = System.getProperty("parley.version", "0.1.0-SNAPSHOT");
        assertThat(dev.keySet()).containsExactlyInAnyOrderElementsOf(WORKLOADS);
        dev.forEach((name, image) -> assertThat(image).endsWith("/parley/" + name + ":" + version));
        prod.forEach((name, image) -> assertThat(image).matches(".+/parley/" + name + ":\\d+\\.\\d+\\.\\d+"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theGrpcPeersOfTheEnvironmentAreHeadlessServicesOnTheirPorts(String overlay) {
        List<HasMetadata> resources = overlay(overlay);
        Map<String, String> env = env(resources);
        for (String variable : List.of("AUTH_GRPC_ADDRESS", "AGENT_GRPC_ADDRESS", "MCP_GRPC_ADDRESS",
                "FILE_GRPC_ADDRESS")) {
            java.util.regex.Matcher address = java.util.regex.Pattern.compile("dns:///([a-z-]+):(\\d+)")
                    .matcher(String.valueOf(env.get(variable)));
            assertThat(address.matches()).as(variable + " " + env.get(variable)).isTrue();
            Service service = Manifests.named(resources, Service.class, address.group(1));
            assertThat(service.getSpec().getClusterIP()).as(variable).isEqualTo("None");
            assertThat(service.getSpec().getPorts()).as(variable)
                    .anyMatch(port -> port.getPort() == Integer.parseInt(address.group(2)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void fileServiceKeepsLocalFilesOnAVolumeEveryReplicaShares(String overlay) {
        List<HasMetadata> resources = overlay(overlay);
        Deployment files = Manifests.named(resources, Deployment.class, "file-service");
        Container container = container(files);
        String dataDir = env(resources).get("FILE_DATA_DIR");
        var mount = container.getVolumeMounts().stream().filter(m -> dataDir.startsWith(m.getMountPath() + "/"))
                .findFirst().orElseThrow(() -> new AssertionError("FILE_DATA_DIR " + dataDir + " is on no volume"));
        var volume = files.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        String claim = volume.getPersistentVolumeClaim().getClaimName();
        assertThat(Manifests.named(resources, PersistentVolumeClaim.class, claim)
                .getSpec().getAccessModes()).as("several replicas share it").containsExactly("ReadWriteMany");
    }

    @Test
    void tracingAndLogsAreSetPerEnvironment() {
        Map<String, String> dev = env(overlay("dev"));
        Map<String, String> prod = env(overlay("prod"));
        assertThat(dev.get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")).endsWith(":4318/v1/traces");
        assertThat(prod.get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")).endsWith(":4318/v1/traces");
        assertThat(dev).containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0");
        assertThat(prod).containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0.1").containsEntry("LOG_FORMAT", "ecs");
        for (Deployment deployment : Manifests.ofKind(overlay("prod"), Deployment.class)) {
            assertThat(container(deployment).getEnvFrom()).anyMatch(source -> source.getConfigMapRef() != null
                    && source.getConfigMapRef().getName().startsWith("parley-env"));
            assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                    .anyMatch(volume -> volume.getConfigMap() != null
                            && volume.getConfigMap().getName().startsWith("librechat-config"));
        }
        assertThat(prod).containsEntry("CONFIG_PATH", "/config/librechat.yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void sealingKeysOutliveThePodsAndCallbacksGoToTheIngressHost(String overlay) {
        List<HasMetadata> resources = overlay(overlay);
        for (String name : List.of("chat-service", "mcp-service")) {
            EnvVar key = container(Manifests.named(resources, Deployment.class, name)).getEnv().stream()
                    .filter(variable -> variable.getName().equals("CREDS_KEY")).findFirst().orElseThrow();
            assertThat(key.getValueFrom().getSecretKeyRef().getName()).as(name).isEqualTo(name + "-keys");
        }
        String host = Manifests.named(resources, Ingress.class, "parley").getSpec().getRules().getFirst().getHost();
        assertThat(env(resources)).containsEntry("DOMAIN_SERVER", "https://" + host)
                .containsEntry("DOMAIN_CLIENT", "https://" + host);
    }

    @Test
    void apiDocsAreOnInDevelopmentOnly() {
        assertThat(env(overlay("dev"))).containsEntry("PARLEY_API_DOCS", "true");
        assertThat(env(overlay("prod"))).doesNotContainKey("PARLEY_API_DOCS");
    }

    @Test
    void chatServiceScalesOnCpuAndOnActiveStreamsAndFileServiceOnItsOwn() {
        List<HasMetadata> resources = overlay("prod");
        List<MetricSpec> chat = Manifests.named(resources, HorizontalPodAutoscaler.class, "chat-service").getSpec().getMetrics();
        assertThat(chat).anyMatch(m -> m.getType().equals("Resource") && m.getResource().getName().equals("cpu"));
        assertThat(chat).anyMatch(m -> m.getType().equals("Pods")
                && m.getPods().getMetric().getName().equals("parley_chat_jobs_active"));
        HorizontalPodAutoscaler files = Manifests.named(resources, HorizontalPodAutoscaler.class, "file-service");
        assertThat(files.getSpec().getScaleTargetRef().getName()).isEqualTo("file-service");
    }

    private static void assertHttpProbe(String name, Probe probe, String path) {
        assertThat(probe).as(name + " " + path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(name).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(name).isEqualTo("http");
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, String> images(List<HasMetadata> resources) {
        return Manifests.ofKind(resources, Deployment.class).stream().collect(Collectors.toMap(
                d -> d.getMetadata().getName(), d -> container(d).getImage()));
    }

    private static Map<String, String> env(List<HasMetadata> resources) {
        return Manifests.ofKind(resources, ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("parley-env")).findFirst().orElseThrow().getData();
    }
}
