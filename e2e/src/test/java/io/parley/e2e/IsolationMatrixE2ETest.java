package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.e2e.IsolationCases.Case;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The isolation matrix: one person (the first of a tenant, so its ADMIN) owns one of each resource;
 * every case of {@link IsolationCases} is then called with those ids by another person of the same
 * tenant and by the ADMIN of another tenant. Each call is refused (403 or 404), or, where the contract
 * answers 2xx scoped to the caller, answers exactly what ids no one has get; none is a 5xx or shows the
 * owner's content; and everything the owner reads through its own routes is the same afterwards.
 */
class IsolationMatrixE2ETest extends E2ETest {

    /** Written into the owner's content; no answer to a stranger may contain it. */
    private static final String SECRET = "alpha-secret-7f3c";
    private static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private record Caller(String name, String tenant, String auth) {
    }

    @Test
    void strangersInTheSameTenantAndInAnotherAreRefusedOnEveryRouteThatTakesAnIdAndChangeNothing() throws Exception {
        String home = uniqueTenant("isolation");
        String away = uniqueTenant("isolation-away");
        Caller owner = new Caller("owner", home, signIn(home));
        Caller sameTenant = new Caller("a person of the same tenant", home, signIn(home));
        Caller otherTenant = new Caller("the ADMIN of another tenant", away, signIn(away));
        Map<String, String> ids = createOneOfEach(owner);
        Map<String, String> before = snapshot(owner, ids);

        List<String> failures = new ArrayList<>();
        for (Caller stranger : List.of(sameTenant, otherTenant)) {
            for (Case isolationCase : IsolationCases.CASES) {
                check(stranger, isolationCase, ids, failures);
            }
        }

        Map<String, String> after = snapshot(owner, ids);
        before.forEach((what, body) -> {
            if (!body.equals(after.get(what))) {
                failures.add("the owner's " + what + " changed:\n    before " + body + "\n    after  " + after.get(what));
            }
        });
        assertThat(failures).as("isolation failures").isEmpty();
    }

    private void check(Caller stranger, Case isolationCase, Map<String, String> ids, List<String> failures) throws Exception {
        Map<String, String> asked = withFresh(ids);
        HttpResponse<String> response = send(stranger, isolationCase, asked);
        String what = stranger.name() + ": " + isolationCase.method() + " " + IsolationCases.fill(isolationCase.path(), ids);
        int status = response.statusCode();
        if (status >= 500) {
            failures.add(what + " is " + status + ": " + response.body());
        } else if (response.body().contains(SECRET)) {
            failures.add(what + " shows the owner's content (" + status + "): " + response.body());
        } else if (isolationCase.ownScoped() == null) {
            if (status != 403 && status != 404) {
                failures.add(what + " is " + status + ", not 403 or 404: " + response.body());
            }
        } else if (status != 403 && status != 404) {
            Map<String, String> unknown = withFresh(unknownLike(ids));
            HttpResponse<String> baseline = send(stranger, isolationCase, unknown);
            String seen = TIME.matcher(response.body()).replaceAll("<time>");
            String unseen = TIME.matcher(baseline.body()).replaceAll("<time>");
            for (String key : asked.keySet()) {
                unseen = unseen.replace(unknown.get(key), asked.get(key));
            }
            if (status != baseline.statusCode() || !seen.equals(unseen)) {
                failures.add(what + " (" + isolationCase.ownScoped() + ") answers " + status + " " + seen
                        + " but for ids no one has " + baseline.statusCode() + " " + baseline.body());
            }
        }
    }

    private static Map<String, String> withFresh(Map<String, String> ids) {
        Map<String, String> all = new LinkedHashMap<>(ids);
        all.put("fresh", UUID.randomUUID().toString());
        return all;
    }

    private HttpResponse<String> send(Caller caller, Case isolationCase, Map<String, String> ids) throws Exception {
        String path = IsolationCases.fill(isolationCase.path(), ids);
        HttpRequest.Builder request = request(caller, path);
        switch (isolationCase.kind()) {
            case NONE -> request.method(isolationCase.method(), HttpRequest.BodyPublishers.noBody());
            case JSON -> request.header("Content-Type", "application/json").method(isolationCase.method(),
                    HttpRequest.BodyPublishers.ofString(IsolationCases.fill(isolationCase.body(), ids)));
            case IMAGE -> {
                String boundary = "isolation-" + UUID.randomUUID();
                request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .method(isolationCase.method(), HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, "a.png", "image/png", png())));
            }
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(Caller caller, String path) {
        return HttpRequest.newBuilder(URI.create(ParleySystem.gatewayUrl() + path)).timeout(java.time.Duration.ofSeconds(30))
                .header("Authorization", caller.auth()).header("X-Tenant", caller.tenant())
                .header("X-Forwarded-For", ip).header("User-Agent", BROWSER);
    }

    /** One of each resource a person can own, created through the gateway as LibreChat's client does. */
    private Map<String, String> createOneOfEach(Caller owner) throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("user", ok(owner, "GET", "/api/user", null).get("id").asString());

        JsonNode turn = ok(owner, "POST", "/api/agents/chat/offline-demo", """
                {"text":"%s hello","sender":"User","isCreatedByUser":true,
                 "parentMessageId":"00000000-0000-0000-0000-000000000000","endpoint":"offline-demo",
                 "model":"parley-demo"}""".formatted(SECRET));
        String convo = turn.get("conversationId").asString();
        ids.put("convo", convo);
        assertThat(as(owner.tenant(), owner.auth(), "GET", "/api/agents/chat/stream/" + convo, null).body()).contains("\"final\":true");
        ids.put("message", ok(owner, "GET", "/api/messages/" + convo, null).get(0).get("messageId").asString());
        ids.put("share", ok(owner, "POST", "/api/share/" + convo, "{}").get("shareId").asString());
        ids.put("memory", "alpha_memory");
        ok(owner, "POST", "/api/memories", "{\"key\":\"alpha_memory\",\"value\":\"%s\"}".formatted(SECRET));
        ids.put("project", ok(owner, "POST", "/api/projects", "{\"name\":\"alpha project\",\"description\":\"%s\"}"
                .formatted(SECRET)).get("_id").asString());
        ids.put("tag", "alpha-tag");
        ok(owner, "PUT", "/api/tags/convo/" + convo, "{\"tags\":[\"alpha-tag\"]}");

        ids.put("preset", ok(owner, "POST", "/api/presets", "{\"title\":\"%s preset\"}".formatted(SECRET)).get("presetId").asString());
        JsonNode prompt = ok(owner, "POST", "/api/prompts",
                "{\"prompt\":{\"prompt\":\"%s\",\"type\":\"text\"},\"group\":{\"name\":\"alpha group\"}}".formatted(SECRET));
        ids.put("promptGroup", prompt.at("/group/_id").asString());
        ids.put("prompt", prompt.at("/prompt/_id").asString());

        JsonNode agent = ok(owner, "POST", "/api/agents", """
                {"name":"Alpha","description":"%s","instructions":"%s","provider":"openAI","model":"gpt-4o"}"""
                .formatted(SECRET, SECRET));
        ids.put("agent", agent.get("id").asString());
        ids.put("agentObjectId", agent.get("_id").asString());

        ids.put("file", upload(owner, "/api/files", "notes.txt", "text/plain",
                (SECRET + " notes\n").getBytes(StandardCharsets.UTF_8)).get("file_id").asString());

        int refused;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused = socket.getLocalPort();
        }
        JsonNode server = ok(owner, "POST", "/api/mcp/servers", """
                {"config":{"type":"streamable-http","title":"Alpha Tools","description":"%s","url":"http://127.0.0.1:%d/mcp"}}"""
                .formatted(SECRET, refused));
        ids.put("mcpServer", server.get("serverName").asString());
        ids.put("mcpDbId", server.get("dbId").asString());

        ids.put("group", ok(owner, "POST", "/api/admin/groups", "{\"name\":\"alpha team\",\"description\":\"%s\"}".formatted(SECRET))
                .get("id").asString());
        ok(owner, "POST", "/api/admin/groups/" + ids.get("group") + "/members", "{\"userIds\":[\"%s\"]}".formatted(ids.get("user")));
        ids.put("key", "openAI");
        Http.Response key = as(owner.tenant(), owner.auth(), "PUT", "/api/keys", "{\"name\":\"openAI\",\"value\":\"sk-%s\",\"expiresAt\":null}".formatted(SECRET));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        return ids;
    }

    /** What the owner reads of its resources through its own routes. */
    private Map<String, String> snapshot(Caller owner, Map<String, String> ids) {
        Map<String, String> reads = new LinkedHashMap<>();
        for (String path : List.of("/api/user", "/api/balance", "/api/convos?limit=25", "/api/convos/{convo}",
                "/api/messages/{convo}", "/api/tags", "/api/presets", "/api/prompts/groups/{promptGroup}",
                "/api/prompts/{prompt}", "/api/prompts?groupId={promptGroup}", "/api/agents/{agent}",
                "/api/agents/{agent}/expanded", "/api/agents/{agent}/access", "/api/permissions/agent/{agentObjectId}",
                "/api/permissions/promptGroup/{promptGroup}", "/api/permissions/mcpServer/{mcpDbId}", "/api/files",
                "/api/files/download/{user}/{file}", "/api/mcp/servers/{mcpServer}", "/api/admin/groups/{group}",
                "/api/keys?name={key}", "/api/share/link/{convo}", "/api/memories", "/api/projects/{project}")) {
            String filled = IsolationCases.fill(path, ids);
            Http.Response read = as(owner.tenant(), owner.auth(), "GET", filled, null);
            reads.put(path, read.status() + " " + read.body());
        }
        return reads;
    }

    /** Ids of the same shape as {@code ids} that no one has: the part after the last underscore redrawn character by character. */
    private static Map<String, String> unknownLike(Map<String, String> ids) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, String> unknown = new LinkedHashMap<>();
        ids.forEach((key, id) -> {
            StringBuilder out = new StringBuilder(id.substring(0, id.lastIndexOf('_') + 1));
            for (char c : id.substring(id.lastIndexOf('_') + 1).toCharArray()) {
                if (Character.isDigit(c)) {
                    out.append((char) ('0' + random.nextInt(10)));
                } else if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
                    out.append((char) ((Character.isUpperCase(c) ? 'A' : 'a') + random.nextInt(6)));
                } else if (Character.isLetter(c)) {
                    out.append((char) ((Character.isUpperCase(c) ? 'A' : 'a') + random.nextInt(26)));
                } else {
                    out.append(c);
                }
            }
            unknown.put(key, out.toString());
        });
        return unknown;
    }

    private JsonNode ok(Caller caller, String method, String path, String body) {
        Http.Response response = as(caller.tenant(), caller.auth(), method, path, body);
        assertThat(response.status()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return response.json();
    }

    private JsonNode upload(Caller caller, String path, String filename, String type, byte[] content) throws Exception {
        String boundary = "isolation-" + UUID.randomUUID();
        HttpRequest request = request(caller, path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, filename, type, content))).build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.parse(response.body());
    }

    /** LibreChat's multipart upload: {@code file_id}, {@code endpoint}, then the file. */
    private static byte[] multipart(String boundary, String filename, String type, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : List.of(new String[] {"file_id", UUID.randomUUID().toString()}, new String[] {"endpoint", "openAI"})) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
