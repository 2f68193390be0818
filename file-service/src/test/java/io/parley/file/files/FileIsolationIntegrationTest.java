package io.parley.file.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.file.FileIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FileIsolationIntegrationTest extends FileIntegrationTest {

    private static final byte[] TEXT = "private\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void anotherPersonCannotDownloadAFileAndGetsLibreChats403() {
        Person owner = user();
        Person other = user();
        String id = upload(owner).get("file_id").asString();

        Http.Response download = http.get("/api/files/download/" + owner.id() + "/" + id, other.auth());
        Http.Response seedGet = http.get("/api/files/" + id, other.auth());
        Http.Response asIfTheirs = http.get("/api/files/download/" + other.id() + "/" + id, other.auth());

        assertThat(download.status()).isEqualTo(403);
        assertThat(download.json().get("error").asString()).isEqualTo("Forbidden");
        assertThat(download.json().get("message").asString()).isEqualTo("Insufficient permissions to access this file");
        assertThat(seedGet.status()).isEqualTo(403);
        assertThat(asIfTheirs.status()).isEqualTo(403);
        assertThat(download.body()).doesNotContain("private");
    }

    @Test
    void someoneWhoMayViewAnAgentListingTheFileReadsItButCannotDeleteIt() {
        Person owner = user();
        Person viewer = user();
        String id = upload(owner).get("file_id").asString();
        AUTH.readableThroughAnAgent(tenant, viewer.id(), id);

        Http.Response download = http.get("/api/files/download/" + owner.id() + "/" + id, viewer.auth());

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("private\n");
        assertThat(http.send("DELETE", "/api/files", "{\"files\":[{\"file_id\":\"" + id + "\"}]}", viewer.auth()).status())
                .isEqualTo(403);
        assertThat(http.get("/api/files/download/" + owner.id() + "/" + id, user().auth()).status()).isEqualTo(403);
    }

    @Test
    void theSamePersonIdInAnotherTenantFindsNothing() {
        Person owner = user();
        String id = upload(owner).get("file_id").asString();
        Person sameIdElsewhere = owner.in("other-" + tenant);

        Http.Response download = http.get("/api/files/download/" + owner.id() + "/" + id, sameIdElsewhere.auth());

        assertThat(download.status()).isEqualTo(404);
        assertThat(download.json().get("message").asString()).isEqualTo("File not found");
        assertThat(http.get("/api/files", sameIdElsewhere.auth()).json()).isEmpty();
    }

    @Test
    void anUnknownFileIsA404() {
        Person me = user();
        assertThat(http.get("/api/files/download/" + me.id() + "/4b0c1a5e-0000-4000-8000-000000000000", me.auth()).status())
                .isEqualTo(404);
    }

    @Test
    void deletingAnotherPersonsFileIsA403NamingItAndDeletesNothing() {
        Person owner = user();
        Person other = user();
        String theirs = upload(owner).get("file_id").asString();
        String mine = upload(other).get("file_id").asString();

        Http.Response response = http.send("DELETE", "/api/files",
                "{\"files\":[{\"file_id\":\"" + mine + "\"},{\"file_id\":\"" + theirs + "\",\"filepath\":\"x\"}]}", other.auth());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("message").asString()).isEqualTo("You can only delete files you have access to");
        assertThat(response.json().get("unauthorizedFiles").get(0).asString()).isEqualTo(theirs);
        assertThat(http.get("/api/files", other.auth()).json().findValuesAsString("file_id")).containsExactly(mine);
        assertThat(http.get("/api/files", owner.auth()).json().findValuesAsString("file_id")).containsExactly(theirs);
    }

    @Test
    void deletingOwnFilesRemovesRecordAndStoredBytes() throws Exception {
        Person me = user();
        String id = upload(me).get("file_id").asString();
        java.nio.file.Path stored = DATA.resolve(tenant).resolve(me.id()).resolve(id);
        assertThat(stored).exists();

        Http.Response response = http.send("DELETE", "/api/files", "{\"files\":[{\"file_id\":\"" + id + "\"}]}", me.auth());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("message").asString()).isEqualTo("Files deleted successfully");
        assertThat(Files.exists(stored)).isFalse();
        assertThat(http.get("/api/files", me.auth()).json()).isEmpty();
        assertThat(http.get("/api/files/" + id, me.auth()).status()).isEqualTo(404);
    }

    @Test
    void aDeleteNamingNoFileIs204() {
        assertThat(http.send("DELETE", "/api/files", "{\"files\":[]}", user().auth()).status()).isEqualTo(204);
    }

    @Test
    void theSeedsSingleDeleteIsOnlyForTheOwner() {
        Person owner = user();
        String id = upload(owner).get("file_id").asString();

        assertThat(http.send("DELETE", "/api/files/" + id, null, user().auth()).status()).isEqualTo(403);
        assertThat(http.send("DELETE", "/api/files/" + id, null, owner.auth()).status()).isEqualTo(204);
        assertThat(http.get("/api/files", owner.auth()).json()).isEmpty();
    }

    private JsonNode upload(Person who) {
        Http.Response uploaded = multipart.form().librechat("openAI").file("file", "secret.txt", "text/plain", TEXT).as(who)
                .post("/api/files");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        return uploaded.json();
    }
}
