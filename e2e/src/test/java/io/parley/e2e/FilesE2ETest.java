package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Files through the gateway as LibreChat's client sends them: a multipart upload, the download by its
 * owner only, the re-encoded image at its public {@code /images} path, and an avatar that auth-service
 * then shows on the person.
 */
class FilesE2ETest extends E2ETest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String tenant = uniqueTenant("files");

    @Test
    void anUploadedFileIsDownloadedByItsOwnerOnlyThroughTheGateway() throws Exception {
        String owner = signIn(tenant);
        String other = signIn(tenant);
        byte[] text = "notes for the team\n".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> uploaded = upload(owner, "/api/files", "notes.txt", "text/plain", text);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        var doc = Http.parse(uploaded.body());
        String path = "/api/files/download/" + doc.get("user").asString() + "/" + doc.get("file_id").asString();

        HttpResponse<byte[]> download = download(owner, path);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(text);
        assertThat(download.headers().firstValue("X-File-Metadata")).isPresent();
        assertThat(download(other, path).statusCode()).isEqualTo(403);
        assertThat(Http.parse(as(tenant, other, "GET", "/api/files", null).body())).isEmpty();
    }

    @Test
    void aReencodedImageIsShownAtItsFilepathWithoutATokenAndAnAvatarReachesTheProfile() throws Exception {
        String person = signIn(tenant);

        HttpResponse<String> image = upload(person, "/api/files/images", "photo.png", "image/png", png());
        assertThat(image.statusCode()).as(image.body()).isEqualTo(200);
        HttpResponse<byte[]> shown = CLIENT.send(HttpRequest.newBuilder(URI.create(ParleySystem.gatewayUrl()
                + Http.parse(image.body()).get("filepath").asString())).header("X-Tenant", tenant)
                .header("X-Forwarded-For", ip).header("User-Agent", BROWSER).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Content-Type")).hasValue("image/png");

        HttpResponse<String> avatar = upload(person, "/api/files/images/avatar", "me.png", "image/png", png());
        assertThat(avatar.statusCode()).as(avatar.body()).isEqualTo(200);
        String url = Http.parse(avatar.body()).get("url").asString();
        assertThat(as(tenant, person, "GET", "/api/user", null).json().get("avatar").asString()).isEqualTo(url);

        HttpResponse<String> seeds = upload(person, "/api/user/avatar", "me2.png", "image/png", png());
        assertThat(seeds.statusCode()).as("the seed's route reaches file-service: " + seeds.body()).isEqualTo(200);
        String second = Http.parse(seeds.body()).get("url").asString();
        assertThat(as(tenant, person, "GET", "/api/user", null).json().get("avatar").asString()).isEqualTo(second);
        assertThat(as(tenant, person, "DELETE", "/api/user/avatar", null).json().get("avatar").isNull()).isTrue();
    }

    @Test
    void anAgentsAvatarIsSetBySomeoneWhoMayEditItAndRefusedToOthersLeavingNoFile() throws Exception {
        String ada = signIn(tenant); // the tenant's first person: ADMIN, whose role may create agents
        String bob = signIn(tenant);
        String agentId = as(tenant, ada, "POST", "/api/agents",
                "{\"name\":\"Painter\",\"provider\":\"openAI\",\"model\":\"gpt-4o-mini\"}").json().get("id").asString();

        HttpResponse<String> refused = upload(bob, "/api/files/images/agents/" + agentId + "/avatar", "a.png", "image/png", png());
        assertAgentHidden(refused);
        assertThat(Http.parse(as(tenant, bob, "GET", "/api/files", null).body())).as("nothing of the refused upload stays").isEmpty();
        Http.Response unchanged = as(tenant, ada, "GET", "/api/agents/" + agentId, null);
        assertThat(unchanged.status()).as("the agent is there for its author: " + unchanged.body()).isEqualTo(200);
        assertThat(unchanged.json().path("avatar").isMissingNode() || unchanged.json().path("avatar").isNull())
                .as("without the refused avatar: " + unchanged.body()).isTrue();

        HttpResponse<String> set = upload(ada, "/api/files/images/agents/" + agentId + "/avatar", "a.png", "image/png", png());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(201);
        String filepath = Http.parse(set.body()).at("/avatar/filepath").asString();
        assertThat(filepath).startsWith("/images/");
        assertThat(as(tenant, ada, "GET", "/api/agents/" + agentId, null).json().at("/avatar/filepath").asString())
                .isEqualTo(filepath);
    }

    @Test
    void aFileUploadedForAnAgentIsReadByThoseWhoMayViewTheAgentAndNobodyElse() throws Exception {
        String ada = signIn(tenant);
        String bob = signIn(tenant);
        String carol = signIn(tenant);
        JsonNode agent = as(tenant, ada, "POST", "/api/agents",
                "{\"name\":\"Reader\",\"provider\":\"openAI\",\"model\":\"gpt-4o-mini\"}").json();
        String agentId = agent.get("id").asString();

        HttpResponse<String> refused = upload(bob, "/api/files", "notes.txt", "text/plain",
                "mine".getBytes(StandardCharsets.UTF_8), agentId, "file_search");
        assertAgentHidden(refused);
        assertThat(Http.parse(as(tenant, bob, "GET", "/api/files", null).body())).isEmpty();
        Http.Response untouched = as(tenant, ada, "GET", "/api/agents/" + agentId + "/expanded", null);
        assertThat(untouched.status()).as("the agent is there for its author: " + untouched.body()).isEqualTo(200);
        assertThat(untouched.json().at("/tool_resources/file_search/file_ids").isEmpty())
                .as("nothing of the refused upload on the agent: " + untouched.body()).isTrue();

        HttpResponse<String> uploaded = upload(ada, "/api/files", "notes.txt", "text/plain",
                "agent knowledge".getBytes(StandardCharsets.UTF_8), agentId, "file_search");
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        String fileId = Http.parse(uploaded.body()).get("file_id").asString();
        assertThat(as(tenant, ada, "GET", "/api/agents/" + agentId + "/expanded", null).json()
                .at("/tool_resources/file_search/file_ids/0").asString()).isEqualTo(fileId);
        String download = "/api/files/download/" + as(tenant, ada, "GET", "/api/user", null).json().get("id").asString()
                + "/" + fileId;
        assertThat(download(bob, download).statusCode()).isEqualTo(403);

        String bobId = as(tenant, bob, "GET", "/api/user", null).json().get("id").asString();
        Http.Response shared = as(tenant, ada, "PUT", "/api/permissions/agent/" + agent.get("_id").asString(),
                "{\"updated\":[{\"type\":\"user\",\"id\":\"" + bobId + "\",\"accessRoleId\":\"agent_viewer\"}]}");
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);

        HttpResponse<byte[]> read = download(bob, download);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(new String(read.body(), StandardCharsets.UTF_8)).isEqualTo("agent knowledge");
        assertThat(download(carol, download).statusCode()).isEqualTo(403);

        assertThat(Http.parse(as(tenant, ada, "GET", "/api/files/agent/" + agentId, null).body()).findValuesAsString("file_id"))
                .as("the agent builder lists the agent's files to an editor").containsExactly(fileId);
        assertThat(Http.parse(as(tenant, bob, "GET", "/api/files/agent/" + agentId, null).body()))
                .as("a viewer gets LibreChat's empty list").isEmpty();
    }

    private HttpResponse<String> upload(String auth, String path, String filename, String type, byte[] content)
            throws IOException, InterruptedException {
        return upload(auth, path, filename, type, content, List.of());
    }

    private HttpResponse<String> upload(String auth, String path, String filename, String type, byte[] content,
                                        String agentId, String toolResource) throws IOException, InterruptedException {
        return upload(auth, path, filename, type, content,
                List.of(new String[] {"agent_id", agentId}, new String[] {"tool_resource", toolResource}));
    }

    /** LibreChat's multipart upload with {@code extra} form fields beside {@code file_id} and {@code endpoint}. */
    private HttpResponse<String> upload(String auth, String path, String filename, String type, byte[] content,
                                        List<String[]> extra) throws IOException, InterruptedException {
        String boundary = "e2e-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String[]> fields = new ArrayList<>(List.of(new String[] {"file_id", UUID.randomUUID().toString()},
                new String[] {"endpoint", "openAI"}));
        fields.addAll(extra);
        for (String[] field : fields) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(ParleySystem.gatewayUrl() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Authorization", auth)
                .header("X-Tenant", tenant).header("X-Forwarded-For", ip).header("User-Agent", BROWSER)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anImageAttachedToAChatTurnIsRecordedOnTheMessageAndStopsExpiring() throws Exception {
        String person = signIn(tenant);
        HttpResponse<String> uploaded = upload(person, "/api/files/images", "photo.png", "image/png", png(),
                List.<String[]>of(new String[] {"message_file", "true"}));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        JsonNode image = Http.parse(uploaded.body());
        assertThat(image.has("expiresAt")).as("a chat attachment is temporary until a message uses it").isTrue();
        String fileId = image.get("file_id").asString();

        Http.Response started = as(tenant, person, "POST", "/api/agents/chat/offline-demo", """
                {"text":"Describe the picture","sender":"User","isCreatedByUser":true,
                 "parentMessageId":"00000000-0000-0000-0000-000000000000","endpoint":"offline-demo",
                 "model":"parley-demo","files":[{"file_id":"%s","filepath":"/somewhere/else"}]}""".formatted(fileId));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String convo = started.json().get("conversationId").asString();
        assertThat(as(tenant, person, "GET", "/api/agents/chat/stream/" + convo, null).body()).contains("\"final\":true");

        JsonNode asked = as(tenant, person, "GET", "/api/messages/" + convo, null).json().get(0);
        assertThat(asked.at("/files/0/file_id").asString()).isEqualTo(fileId);
        assertThat(asked.at("/files/0/filepath").asString()).isEqualTo(image.get("filepath").asString());
        JsonNode listed = Http.parse(as(tenant, person, "GET", "/api/files", null).body()).get(0);
        assertThat(listed.has("expiresAt")).isFalse();
        assertThat(listed.get("usage").asInt()).isEqualTo(1);

        String other = signIn(tenant);
        Http.Response refused = as(tenant, other, "POST", "/api/agents/chat/offline-demo", """
                {"text":"Whose picture?","sender":"User","isCreatedByUser":true,
                 "parentMessageId":"00000000-0000-0000-0000-000000000000","endpoint":"offline-demo",
                 "model":"parley-demo","files":[{"file_id":"%s"}]}""".formatted(fileId));
        assertThat(refused.status()).as("another person's file: " + refused.body()).isEqualTo(404);
    }

    private HttpResponse<byte[]> download(String auth, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(ParleySystem.gatewayUrl() + path)).header("Authorization", auth)
                .header("X-Tenant", tenant).header("X-Forwarded-For", ip).header("User-Agent", BROWSER).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    /**
     * The refusal of an upload to someone else's agent the caller may not even view: agent-service
     * answers such an agent as unknown (NOT_FOUND), and file-service passes its words on.
     */
    private static void assertAgentHidden(HttpResponse<String> refused) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
        JsonNode error = Http.parse(refused.body());
        assertThat(error.get("error").asString()).isEqualTo("Agent not found");
        assertThat(error.get("message").asString()).isEqualTo("Agent not found");
    }
}
