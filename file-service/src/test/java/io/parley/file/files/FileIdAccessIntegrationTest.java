package io.parley.file.files;

import io.parley.common.edge.EdgeHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.file.FakePeers;
import io.parley.file.FileIntegrationTest;
import io.parley.file.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * File ids and the agent ids file routes name are the tenant's: whoever may not touch one is refused
 * before the body is read, and nothing is stored for them.
 */
class FileIdAccessIntegrationTest extends FileIntegrationTest {

    private static final byte[] TEXT = "mine\n".getBytes(StandardCharsets.UTF_8);
    private static final String AGENT = "agent_AAAAAAAAAAAAAAAAAAAAA";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Bodies a stranger might send to an agent's avatar route: (content type, body). */
    private static final List<String[]> ODD_BODIES = List.of(
            new String[] {"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a"},
            new String[] {"multipart/form-data; boundary=x", "--x--\r\n"},
            new String[] {"application/json", "{\"avatar\":"},
            new String[] {"text/plain", "hello"});

    @Test
    void aStrangersAgentAvatarUploadIsRefusedBeforeItsBodyIsRead() {
        Person ada = user();
        Person bob = user();
        AUTH.ownAgent(tenant, ada.id(), AGENT);
        String path = "/api/files/images/agents/" + AGENT + "/avatar";

        Http.Response valid = multipart.form().file("file", "a.png", "image/png", TestImages.png(64, 64)).as(bob).post(path);
        assertThat(valid.status()).as(valid.body()).isEqualTo(404);
        for (String[] odd : ODD_BODIES) {
            HttpResponse<String> refused = raw(bob, path, odd[0], odd[1]);
            assertThat(refused.statusCode()).as(odd[0] + " " + odd[1] + " → " + refused.body()).isEqualTo(404);
        }
        assertThat(AUTH.avatarOfAgent(tenant, AGENT)).isNull();
        assertThat(http.get("/api/files", bob.auth()).json()).isEmpty();
    }

    @Test
    void aViewersAgentAvatarUploadIsRefusedWith403BeforeItsBodyIsRead() {
        Person viewer = user();
        String path = "/api/files/images/agents/" + FakePeers.LOCKED_AGENT + "/avatar";

        for (String[] odd : ODD_BODIES) {
            HttpResponse<String> refused = raw(viewer, path, odd[0], odd[1]);
            assertThat(refused.statusCode()).as(odd[0] + " → " + refused.body()).isEqualTo(403);
            assertThat(Http.parse(refused.body()).get("message").asString())
                    .isEqualTo("Insufficient permissions to access this agent");
        }
        assertThat(http.get("/api/files", viewer.auth()).json()).isEmpty();
    }

    @Test
    void theOwnerSetsTheAgentAvatarAndAMissingFileIsStillA400ForThem() {
        Person ada = user();
        AUTH.ownAgent(tenant, ada.id(), AGENT);
        String path = "/api/files/images/agents/" + AGENT + "/avatar";

        assertThat(raw(ada, path, "multipart/form-data; boundary=x", "--x--\r\n").statusCode()).isEqualTo(400);
        Http.Response set = multipart.form().file("file", "a.png", "image/png", TestImages.png(64, 64)).as(ada).post(path);

        assertThat(set.status()).as(set.body()).isEqualTo(201);
        assertThat(AUTH.avatarOfAgent(tenant, AGENT)).startsWith("/images/" + ada.id() + "/");
    }

    @Test
    void anUploadIntoAStrangersAgentIsRefusedAndStoresNothing() {
        Person ada = user();
        Person bob = user();
        AUTH.ownAgent(tenant, ada.id(), AGENT);

        Http.Response refused = multipart.form().librechat("agents").field("tool_resource", "context").field("agent_id", AGENT)
                .file("file", "a.txt", "text/plain", TEXT).as(bob).post("/api/files");

        assertThat(refused.status()).as(refused.body()).isEqualTo(404);
        assertThat(AUTH.filesOf(AGENT, "context")).isEmpty();
        assertThat(http.get("/api/files", bob.auth()).json()).isEmpty();
    }

    @Test
    void anUploadNamingAnotherPersonsFileIdGetsAnIdOfItsOwn() {
        Person ada = user();
        Person bob = user();
        JsonNode adas = upload(ada, TEXT);
        String id = adas.get("file_id").asString();

        Http.Response bobs = multipart.form().field("file_id", id).field("endpoint", "openAI")
                .file("file", "b.txt", "text/plain", "bob's\n".getBytes(StandardCharsets.UTF_8)).as(bob).post("/api/files");

        assertThat(bobs.status()).as(bobs.body()).isEqualTo(200);
        assertThat(bobs.json().get("file_id").asString()).isNotEqualTo(id);
        assertThat(bobs.json().get("temp_file_id").asString()).isEqualTo(id);
        assertThat(http.get("/api/files/download/" + ada.id() + "/" + id, ada.auth()).body()).isEqualTo("mine\n");
        assertThat(http.get("/api/files/download/" + ada.id() + "/" + id, bob.auth()).status()).isEqualTo(403);
        assertThat(http.get("/api/files", ada.auth()).json().findValuesAsString("file_id")).containsExactly(id);
    }

    @Test
    void aStrangerAskingForBytesOfAnotherPersonsFileGetsTheJsonRefusalNot406() {
        Person ada = user();
        Person bob = user();
        String id = upload(ada, TEXT).get("file_id").asString();

        for (String path : List.of("/api/files/download/" + ada.id() + "/" + id, "/api/files/" + id)) {
            Http.Response refused = http.get(path, "Authorization", "Bearer " + bob.token(), "Accept", "application/octet-stream");
            assertThat(refused.status()).as(path + " → " + refused.body()).isEqualTo(403);
            assertThat(refused.json().get("message").asString()).isEqualTo("Insufficient permissions to access this file");
        }
        Http.Response unknown = http.get("/api/files/download/" + ada.id() + "/" + java.util.UUID.randomUUID(),
                "Authorization", "Bearer " + bob.token(), "Accept", "application/octet-stream");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
    }

    @Test
    void aStrangersDeletesOfAnotherPersonsFileAreRefusedAndTheFileStays() {
        Person ada = user();
        Person bob = user();
        String id = upload(ada, TEXT).get("file_id").asString();

        assertThat(http.send("DELETE", "/api/files/" + id, null, bob.auth()).status()).isEqualTo(403);
        assertThat(http.send("DELETE", "/api/files/images/" + id, null, bob.auth()).status()).isEqualTo(403);
        Http.Response bulk = http.send("DELETE", "/api/files", "{\"files\":[{\"file_id\":\"" + id + "\"}]}", bob.auth());
        assertThat(bulk.status()).isEqualTo(403);
        assertThat(bulk.json().get("unauthorizedFiles").get(0).asString()).isEqualTo(id);
        assertThat(http.send("DELETE", "/api/files/" + id, null, ada.in("other-" + tenant).auth()).status()).isEqualTo(404);
        assertThat(http.get("/api/files/download/" + ada.id() + "/" + id, ada.auth()).body()).isEqualTo("mine\n");
    }

    @Test
    void someoneWhoReadsAFileThroughAnAgentCannotDeleteItOnTheSingleDeleteRoutes() {
        Person ada = user();
        Person viewer = user();
        String id = upload(ada, TEXT).get("file_id").asString();
        AUTH.readableThroughAnAgent(tenant, viewer.id(), id);

        assertThat(http.send("DELETE", "/api/files/" + id, null, viewer.auth()).status()).isEqualTo(403);
        assertThat(http.send("DELETE", "/api/files/images/" + id, null, viewer.auth()).status()).isEqualTo(403);
        assertThat(http.get("/api/files/download/" + ada.id() + "/" + id, ada.auth()).body()).isEqualTo("mine\n");
        assertThat(http.send("DELETE", "/api/files/" + id, null, ada.auth()).status()).isEqualTo(204);
    }

    private JsonNode upload(Person who, byte[] content) {
        Http.Response uploaded = multipart.form().librechat("openAI").file("file", "mine.txt", "text/plain", content).as(who)
                .post("/api/files");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        return uploaded.json();
    }

    private HttpResponse<String> raw(Person who, String path, String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .header("Authorization", "Bearer " + who.token())
                .header(io.parley.common.edge.EdgeHeaders.ASSERTION, io.parley.common.test.TestEdge.assertion(null, null))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
