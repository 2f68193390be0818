package io.parley.e2e;

import static org.awaitility.Awaitility.await;

import io.parley.common.test.Http;
import io.parley.chat.provider.fake.FakeOpenAi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole system as a user runs it: the built jars of the five services and the gateway, each a
 * process of its own on free loopback ports, on the embedded store (one folder per run), with limits
 * and bans in the local Redis. Started once for all end-to-end test classes, stopped at the end.
 */
public final class ParleySystem implements BeforeAllCallback {

    private static final List<String> SERVICES = List.of("auth-service", "chat-service", "agent-service", "file-service",
            "mcp-service");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(Running.class, key -> Running.start(), Running.class);
    }

    /** The gateway's base URL of the running system. */
    static String gatewayUrl() {
        return Running.instance.gatewayUrl;
    }

    /** chat-service's own base URL, for looking behind the gateway (which refuses a deleted account's token). */
    static String chatServiceUrl() {
        return Running.instance.chatServiceUrl;
    }

    /** file-service's own base URL, for its Prometheus metrics. */
    static String fileServiceUrl() {
        return Running.instance.fileServiceUrl;
    }

    /** The services' names (as their modules are named), in start order. */
    static List<String> services() {
        return SERVICES;
    }

    /** A service's own base URL, behind the gateway (its Actuator {@code mappings} is exposed for the route catalogue). */
    static String serviceUrl(String service) {
        return Running.instance.serviceUrls.get(service);
    }

    /** The heap file-service runs with: less than the large file a test moves through it, so only streaming passes. */
    static final String FILE_SERVICE_HEAP = "-Xmx128m";

    /** The custom endpoint of chat-service served by {@link #model()}. */
    static final String MODEL_ENDPOINT = "e2e-model";

    /** An OpenAI-compatible model on loopback (the endpoint {@value #MODEL_ENDPOINT}); tests script it and reset it. */
    static FakeOpenAi model() {
        return Running.instance.model;
    }

    /** The stand-in collector every process exports its spans to. */
    static TraceCollector traces() {
        return Running.instance.traces;
    }

    /** Connection string of auth-service's embedded store, as an operator would read it from the log. */
    static String authStore() {
        return Running.instance.authStore;
    }

    static final class Running implements AutoCloseable {

        static volatile Running instance;
        private static final java.util.Random RANDOM = new java.util.Random();
        private static final java.util.Set<Integer> TAKEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

        private final List<Process> processes = new ArrayList<>();
        private TraceCollector traces;
        private FakeOpenAi model;
        private String gatewayUrl;
        private String chatServiceUrl;
        private String fileServiceUrl;
        private final Map<String, String> serviceUrls = new LinkedHashMap<>();
        private String authStore;

        static Running start() {
            Running running = new Running();
            try {
                running.launch();
            } catch (RuntimeException | IOException e) {
                running.close();
                throw new IllegalStateException("The system did not start; see e2e/target/e2e-logs", e);
            }
            instance = running;
            return running;
        }

        private void launch() throws IOException {
            Path root = Path.of(System.getProperty("parley.root", "..")).toAbsolutePath().normalize();
            String version = System.getProperty("parley.version", "0.1.0-SNAPSHOT");
            Path logs = root.resolve("e2e/target/e2e-logs");
            Path data = Files.createTempDirectory("parley-e2e-data");
            Files.createDirectories(logs);

            Map<String, Integer> http = new LinkedHashMap<>();
            Map<String, Integer> grpc = new LinkedHashMap<>();
            for (String service : SERVICES) {
                http.put(service, freePort());
                grpc.put(service, freePort());
            }
            int gateway = freePort();
            String authGrpc = "static://127.0.0.1:" + grpc.get("auth-service");
            String redis = System.getenv().getOrDefault("REDIS_URI", "redis://127.0.0.1:6379");
            // one prefix for every process of this run: they share limits, bans, chat jobs and account events
            String redisPrefix = "e2e:" + UUID.randomUUID() + ":";
            traces = new TraceCollector();
            String otlp = "--management.opentelemetry.tracing.export.otlp.endpoint=" + traces.endpoint();

            model = new FakeOpenAi().expectKey("e2e-model-key").start();
            List<String> modelEndpoint = List.of("--librechat.endpoints.custom[0].name=" + MODEL_ENDPOINT,
                    "--librechat.endpoints.custom[0].apiKey=e2e-model-key",
                    "--librechat.endpoints.custom[0].baseURL=" + model.baseUrl(),
                    "--librechat.endpoints.custom[0].models.default[0]=fake-model",
                    "--librechat.endpoints.custom[0].titleConvo=false");
            for (String service : SERVICES) {
                List<String> args = new ArrayList<>(List.of(
                        "--server.port=" + http.get(service),
                        "--spring.grpc.server.port=" + grpc.get(service),
                        "--spring.grpc.client.channels.auth.address=" + authGrpc,
                        "--spring.grpc.client.channels.agent.address=static://127.0.0.1:" + grpc.get("agent-service"),
                        "--spring.grpc.client.channels.mcp.address=static://127.0.0.1:" + grpc.get("mcp-service"),
                        "--spring.grpc.client.channels.file.address=static://127.0.0.1:" + grpc.get("file-service"),
                        "--parley.mongo.embedded.data-dir=" + data,
                        "--parley.file.local.root=" + data.resolve("files"),
                        "--parley.redis.uri=" + redis,
                        "--parley.redis.key-prefix=" + redisPrefix,
                        // the key the tests' own requests to a service are vouched for with (Http)
                        "--parley.edge.key=" + io.parley.common.test.TestEdge.KEY,
                        otlp,
                        // token accounting on, so that turns are checked and charged through auth-service
                        "--CHECK_BALANCE=true",
                        // MCP servers on this machine (tests bind loopback) pass mcp-service's SSRF guard
                        "--librechat.mcpSettings.allowedDomains[0]=127.0.0.1",
                        // the route catalogue test reads every handler mapping (needs a token like any other route)
                        "--management.endpoints.web.exposure.include=health,info,prometheus,mappings"));
                if (service.equals("chat-service")) {
                    args.addAll(modelEndpoint);
                }
                start(root, version, logs, service, args);
            }
            start(root, version, logs, "gateway", List.of(
                    "--server.port=" + gateway,
                    "--parley.services.auth=http://127.0.0.1:" + http.get("auth-service"),
                    "--parley.services.chat=http://127.0.0.1:" + http.get("chat-service"),
                    "--parley.services.agent=http://127.0.0.1:" + http.get("agent-service"),
                    "--parley.services.file=http://127.0.0.1:" + http.get("file-service"),
                    "--parley.services.mcp=http://127.0.0.1:" + http.get("mcp-service"),
                    "--parley.redis.uri=" + redis,
                    "--parley.redis.key-prefix=" + redisPrefix,
                    "--parley.edge.key=" + io.parley.common.test.TestEdge.KEY,
                    otlp,
                    "--parley.gateway.trusted-proxies=127.0.0.1",
                    "--parley.gateway.tenant-header=X-Tenant"));

            gatewayUrl = "http://127.0.0.1:" + gateway;
            chatServiceUrl = "http://127.0.0.1:" + http.get("chat-service");
            fileServiceUrl = "http://127.0.0.1:" + http.get("file-service");
            http.forEach((service, port) -> serviceUrls.put(service, "http://127.0.0.1:" + port));
            Map<String, Integer> health = new LinkedHashMap<>(http);
            health.put("gateway", gateway);
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .failFast("a process exited while starting", () -> processes.stream().anyMatch(p -> !p.isAlive()))
                    .until(() -> health.values().stream().allMatch(Running::ready));
            authStore = storeAddress(logs.resolve("auth-service.log"));
        }

        private void start(Path root, String version, Path logs, String service, List<String> args) throws IOException {
            Path jar = root.resolve(service).resolve("target").resolve(service + "-" + version + ".jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException("Missing " + jar + ": build with ./mvnw package first");
            }
            String heap = service.equals("file-service") ? FILE_SERVICE_HEAP : "-Xmx384m";
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xss512k", heap, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "--LOG_FORMAT="));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logs.resolve(service + ".log").toFile());
            processes.add(builder.start());
        }

        private static boolean ready(int port) {
            Http.Response response = new Http("http://127.0.0.1:" + port).get("/actuator/health/readiness");
            return response.status() == 200 && response.body().contains("UP");
        }

        private static String storeAddress(Path log) throws IOException {
            Matcher matcher = Pattern.compile("Embedded MongoDB-wire server started backend=\\w+ address=/?([\\d.]+:\\d+)")
                    .matcher(Files.readString(log));
            return matcher.find() ? "mongodb://" + matcher.group(1) : null;
        }

        private static String javaBinary() {
            return ProcessHandle.current().info().command().orElse("java");
        }

        /**
         * A free port below the kernel's ephemeral range: the services' own random binds (their embedded
         * stores) and outgoing connections take ephemeral ports, and could otherwise grab a port chosen
         * here before the service meant for it binds it.
         */
        private static int freePort() throws IOException {
            for (int attempt = 0; attempt < 200; attempt++) {
                int candidate = 20_000 + RANDOM.nextInt(12_000);
                if (!TAKEN.add(candidate)) {
                    continue;
                }
                try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                    return socket.getLocalPort();
                } catch (IOException inUse) {
                    // try another
                }
            }
            throw new IOException("No free port found between 20000 and 32000");
        }

        @Override
        public void close() {
            if (traces != null) {
                traces.close();
            }
            if (model != null) {
                model.close();
            }
            processes.forEach(Process::destroy);
            for (Process process : processes) {
                try {
                    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
        }
    }
}
