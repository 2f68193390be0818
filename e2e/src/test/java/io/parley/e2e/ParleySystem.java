package io.parley.e2e;

import static org.awaitility.Awaitility.await;

import io.parley.chat.provider.fake.FakeOpenAi;
import io.parley.common.test.Http;
import io.parley.common.test.PrivateRedis;
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
 * process of its own on free loopback ports, on the embedded store (one folder per run), with limits,
 * bans and chat jobs in a redis-server of the run's own ({@link PrivateRedis}; the shared {@code REDIS_URI}
 * where none can be started). Started once for all end-to-end test classes, stopped at the end. A test
 * may kill, stop and restart a service ({@link #kill}, {@link #stop}, {@link #restart}): it comes back
 * with the same command line, ports and data.
 */
public final class ParleySystem implements BeforeAllCallback {

    private static final List<String> SERVICES = List.of("auth-service", "chat-service", "agent-service", "file-service",
            "mcp-service");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(2);

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

    /** A service's gRPC address ({@code host:port}), as {@code ./parley migrate-librechat} reaches it. */
    static String grpcAddress(String service) {
        return "127.0.0.1:" + Running.instance.grpcPorts.get(service);
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
    /** The installation's operator key in the end-to-end system (auth-service's PARLEY_OPERATOR_KEY). */
    static final String OPERATOR_KEY = "e2e0".repeat(16);

    /** An OpenAI-compatible model on loopback (the endpoint {@value #MODEL_ENDPOINT}); tests script it and reset it. */
    static FakeOpenAi model() {
        return Running.instance.model;
    }

    /** The stand-in collector every process exports its spans to. */
    static TraceCollector traces() {
        return Running.instance.traces;
    }

    /**
     * Connection string of auth-service's embedded store, as an operator would read it from the log (the
     * latest start's: the store binds a new port each time).
     */
    static String authStore() {
        return Running.instance.authStore;
    }

    /** The run's own redis-server, which a test may hang; null when the system runs on the shared one. */
    static PrivateRedis redis() {
        return Running.instance.redis;
    }

    /** Ends a service (or the gateway) at once with SIGKILL, as a crash or an OOM kill would, and waits until it is gone. */
    static void kill(String service) {
        Running.instance.end(service, true);
    }

    /** Stops a service (or the gateway) as an orchestrator does (SIGTERM, its graceful shutdown) and waits until it is gone. */
    static void stop(String service) {
        Running.instance.end(service, false);
    }

    /**
     * Starts a service (or the gateway) that was killed or stopped again, with the same command line and
     * ports, and returns once its own readiness probe answers UP; a running one is left as it is.
     */
    static void restart(String service) {
        Running.instance.restart(service);
    }

    static final class Running implements AutoCloseable {

        static volatile Running instance;
        private static final java.util.Random RANDOM = new java.util.Random();
        private static final java.util.Set<Integer> TAKEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

        private final Map<String, Process> processes = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, List<String>> commands = new LinkedHashMap<>();
        private final Map<String, Integer> healthPorts = new LinkedHashMap<>();
        private final Map<String, Integer> grpcPorts = new LinkedHashMap<>();
        private Path logs;
        private PrivateRedis redis;
        private TraceCollector traces;
        private FakeOpenAi model;
        private String gatewayUrl;
        private String chatServiceUrl;
        private String fileServiceUrl;
        private final Map<String, String> serviceUrls = new LinkedHashMap<>();
        private volatile String authStore;

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
            logs = root.resolve("e2e/target/e2e-logs");
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
            // a redis-server of this run's own, so that a test may hang it without disturbing others
            String redisUri;
            if (PrivateRedis.available()) {
                Path redisDir = Files.createDirectories(data.resolve("redis"));
                redis = PrivateRedis.start(redisDir);
                redisUri = redis.uri();
            } else {
                redisUri = System.getenv().getOrDefault("REDIS_URI", "redis://127.0.0.1:6379");
            }
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
                        "--parley.redis.uri=" + redisUri,
                        "--parley.redis.key-prefix=" + redisPrefix,
                        // the key the tests' own requests to a service are vouched for with (Http)
                        "--parley.edge.key=" + io.parley.common.test.TestEdge.KEY,
                        // the admin commands sign in with it (AdminCommandsE2ETest); other services ignore it
                        "--parley.auth.operator.key=" + OPERATOR_KEY,
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
                start(root, version, service, args);
            }
            List<String> gatewayArgs = new ArrayList<>(List.of(
                    "--server.port=" + gateway,
                    "--parley.services.auth=http://127.0.0.1:" + http.get("auth-service"),
                    "--parley.services.chat=http://127.0.0.1:" + http.get("chat-service"),
                    "--parley.services.agent=http://127.0.0.1:" + http.get("agent-service"),
                    "--parley.services.file=http://127.0.0.1:" + http.get("file-service"),
                    "--parley.services.mcp=http://127.0.0.1:" + http.get("mcp-service"),
                    "--parley.redis.uri=" + redisUri,
                    "--parley.redis.key-prefix=" + redisPrefix,
                    "--parley.edge.key=" + io.parley.common.test.TestEdge.KEY,
                    otlp,
                    "--parley.gateway.trusted-proxies=127.0.0.1",
                    "--parley.gateway.tenant-header=X-Tenant"));
            // LibreChat's web client at /, for the browser tests, when its build is at hand
            WebClientFixture.dir(root).ifPresent(web -> gatewayArgs.add("--parley.gateway.web-client.dir=" + web));
            start(root, version, "gateway", gatewayArgs);

            gatewayUrl = "http://127.0.0.1:" + gateway;
            chatServiceUrl = "http://127.0.0.1:" + http.get("chat-service");
            fileServiceUrl = "http://127.0.0.1:" + http.get("file-service");
            http.forEach((service, port) -> serviceUrls.put(service, "http://127.0.0.1:" + port));
            healthPorts.putAll(http);
            grpcPorts.putAll(grpc);
            healthPorts.put("gateway", gateway);
            try {
                await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .failFast("a process exited while starting", () -> processes.values().stream().anyMatch(p -> !p.isAlive()))
                        .until(() -> healthPorts.values().stream().allMatch(Running::ready));
            } catch (org.awaitility.core.TerminalFailureException exited) {
                throw new IllegalStateException(exited(), exited);
            }
            authStore = storeAddress(logs.resolve("auth-service.log"));
        }

        void end(String service, boolean kill) {
            Process process = process(service);
            if (kill) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            try {
                if (!process.waitFor(RESTART_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        synchronized void restart(String service) {
            if (process(service).isAlive()) {
                return;
            }
            try {
                // appended: the log keeps the life before the restart
                Process started = new ProcessBuilder(commands.get(service)).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(service + ".log").toFile())).start();
                processes.put(service, started);
                try {
                    await().atMost(RESTART_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                            .failFast(service + " exited while starting again", () -> !started.isAlive())
                            .until(() -> ready(healthPorts.get(service)));
                } catch (org.awaitility.core.TerminalFailureException exited) {
                    throw new IllegalStateException(exited(), exited);
                }
                if (service.equals("auth-service")) {
                    authStore = storeAddress(logs.resolve("auth-service.log"));
                }
            } catch (IOException e) {
                throw new IllegalStateException(service + " did not start again; see e2e/target/e2e-logs", e);
            }
        }

        /** Which processes have exited, with their exit codes and the last cause each one's log gives. */
        private String exited() {
            StringBuilder out = new StringBuilder();
            processes.forEach((service, process) -> {
                if (process.isAlive()) {
                    return;
                }
                String cause;
                try (var lines = Files.lines(logs.resolve(service + ".log"))) {
                    cause = lines.filter(line -> line.startsWith("Caused by:") || line.contains(" ERROR "))
                            .reduce((first, second) -> second).orElse("(nothing in its log)");
                } catch (IOException | java.io.UncheckedIOException e) {
                    cause = "(its log could not be read: " + e.getMessage() + ")";
                }
                out.append(service).append(" exited with ").append(process.exitValue()).append("; last in its log: ")
                        .append(cause).append('\n');
            });
            return out.toString().strip();
        }

        private Process process(String service) {
            Process process = processes.get(service);
            if (process == null) {
                throw new IllegalArgumentException("No such process: " + service);
            }
            return process;
        }

        private void start(Path root, String version, String service, List<String> args) throws IOException {
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
            commands.put(service, List.copyOf(command));
            processes.put(service, builder.start());
        }

        private static boolean ready(int port) {
            Http.Response response = new Http("http://127.0.0.1:" + port).get("/actuator/health/readiness");
            return response.status() == 200 && response.body().contains("UP");
        }

        /** The address the store announced last (a log appended to by restarts holds one per start). */
        private static String storeAddress(Path log) throws IOException {
            Matcher matcher = Pattern.compile("Embedded MongoDB-wire server started backend=\\w+ address=/?([\\d.]+:\\d+)")
                    .matcher(Files.readString(log));
            String address = null;
            while (matcher.find()) {
                address = "mongodb://" + matcher.group(1);
            }
            return address;
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
            processes.values().forEach(Process::destroy);
            for (Process process : processes.values()) {
                try {
                    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
            if (redis != null) {
                try {
                    redis.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
