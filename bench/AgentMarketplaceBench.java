import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds and measures the agent marketplace through the gateway, JDK only
 * ({@code java bench/AgentMarketplaceBench.java <gateway> <agents> <samples> <parallel>}). The first
 * account of a fresh tenant is its ADMIN: it turns MARKETPLACE.USE on for USER, creates the agents
 * and shares them; the second account (a USER) measures.
 */
public class AgentMarketplaceBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
    static final String[] CATEGORIES = {"general", "hr", "rd", "finance", "it", "sales", "aftersales"};
    static final String PASSWORD = "Bench-Password-1";

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int agents = Integer.parseInt(args[1]);
        int samples = Integer.parseInt(args[2]);
        int parallel = Integer.parseInt(args[3]);
        String tenantTag = UUID.randomUUID().toString().substring(0, 8);
        String admin = signIn(base, "bench-admin-" + tenantTag + "@example.com");
        String user = signIn(base, "bench-user-" + tenantTag + "@example.com");
        String userId = field(check(call(base, user, "GET", "/api/user", null)).body(), "id");
        check(call(base, admin, "PUT", "/api/roles/USER/marketplace", "{\"USE\":true}"));

        System.out.printf("Seeding %d agents (%d in parallel)…%n", agents, parallel);
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                int n = i;
                work.add(pool.submit(() -> {
                    seed(base, admin, userId, n);
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        }
        System.out.printf("  took %.1f s%n", (System.nanoTime() - started) / 1e9);

        String first = call(base, user, "GET", "/api/agents/marketplace?limit=24", null).body();
        String after = field(first, "after");
        System.out.printf("The user sees %s agents in \"it\"; %d samples each:%n",
                Pattern.compile("\"value\":\"it\",\"label\":\"[^\"]*\",\"count\":(\\d+)")
                        .matcher(call(base, user, "GET", "/api/agents/categories", null).body()).results()
                        .map(m -> m.group(1)).findFirst().orElse("?"), samples);
        measure(base, user, samples, "GET /api/agents/marketplace?limit=24 (first page)", "/api/agents/marketplace?limit=24");
        measure(base, user, samples, "GET /api/agents/marketplace?category=it&limit=24", "/api/agents/marketplace?category=it&limit=24");
        measure(base, user, samples, "GET /api/agents/marketplace?search=agent%2042", "/api/agents/marketplace?search=agent%2042&limit=24");
        measure(base, user, samples, "GET /api/agents/marketplace?cursor=… (page 2)",
                "/api/agents/marketplace?limit=24&cursor=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        measure(base, user, samples, "GET /api/agents?limit=24 (LibreChat's list)", "/api/agents?limit=24");
        measure(base, user, samples, "GET /api/agents/marketplace/categories", "/api/agents/marketplace/categories");
        measure(base, user, samples, "GET /api/agents/:id", "/api/agents/" + field(first, "id"));
    }

    /** Agent n: category n mod 7; every 20th promoted; public 40%, shared with the user 30%, private 30%. */
    static void seed(String base, String admin, String userId, int n) throws Exception {
        String body = "{\"name\":\"Agent " + n + "\",\"description\":\"Benchmark agent number " + n + "\",\"provider\":\"openAI\","
                + "\"model\":\"gpt-4o\",\"instructions\":\"You are agent " + n + ".\",\"category\":\"" + CATEGORIES[n % 7]
                + "\",\"is_promoted\":" + (n % 20 == 0) + ",\"conversation_starters\":[\"Hello\"]}";
        HttpResponse<String> created = check(call(base, admin, "POST", "/api/agents", body));
        String objectId = field(created.body(), "_id");
        int kind = n % 10;
        if (kind < 4) {
            check(call(base, admin, "PUT", "/api/permissions/agent/" + objectId, "{\"public\":true,\"publicAccessRoleId\":\"agent_viewer\"}"));
        } else if (kind < 7) {
            check(call(base, admin, "PUT", "/api/permissions/agent/" + objectId,
                    "{\"updated\":[{\"type\":\"user\",\"id\":\"" + userId + "\",\"accessRoleId\":\"agent_viewer\"}]}"));
        }
    }

    static void measure(String base, String token, int samples, String name, String path) throws Exception {
        for (int i = 0; i < 10; i++) {
            check(call(base, token, "GET", path, null)); // warm-up
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            check(call(base, token, "GET", path, null));
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        System.out.printf("%-56s n=%d  p50=%7.1f ms  p99=%7.1f ms%n", name, samples, ms.get((int) Math.round(samples * 0.50) - 1),
                ms.get(Math.min(samples - 1, (int) Math.round(samples * 0.99) - 1)));
    }

    static String signIn(String base, String email) throws Exception {
        check(call(base, null, "POST", "/api/auth/register", "{\"name\":\"Bench Person\",\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\",\"confirm_password\":\"" + PASSWORD + "\"}"));
        return field(check(call(base, null, "POST", "/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")).body(), "token");
    }

    static HttpResponse<String> call(String base, String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("User-Agent", UA)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> check(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " → " + response.statusCode()
                    + " " + response.body());
        }
        return response;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
