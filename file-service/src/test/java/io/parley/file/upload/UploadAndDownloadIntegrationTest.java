package io.parley.file.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.file.FakePeers;
import io.parley.file.FileIntegrationTest;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UploadAndDownloadIntegrationTest extends FileIntegrationTest {

    private static final byte[] TEXT = "Meeting notes: ship the file service.\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void uploadIssuesANewFileIdEchoesTheClientsAndAnswersLibreChatsDocument() {
        Person me = user();
        String clientId = UUID.randomUUID().toString();

        Http.Response uploaded = multipart.form().field("file_id", clientId).field("endpoint", "openAI")
                .file("file", "notes.txt", "text/plain", TEXT).as(me).post("/api/files");

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        JsonNode doc = uploaded.json();
        assertThat(doc.get("message").asString()).isEqualTo("File uploaded and processed successfully");
        assertThat(doc.get("file_id").asString()).isNotEqualTo(clientId).matches("[0-9a-f-]{36}");
        assertThat(doc.get("temp_file_id").asString()).isEqualTo(clientId);
        assertThat(doc.get("user").asString()).isEqualTo(me.id());
        assertThat(doc.get("bytes").asLong()).isEqualTo(TEXT.length);
        assertThat(doc.get("filename").asString()).isEqualTo("notes.txt");
        assertThat(doc.get("type").asString()).isEqualTo("text/plain");
        assertThat(doc.get("object").asString()).isEqualTo("file");
        assertThat(doc.get("source").asString()).isEqualTo("local");
        assertThat(doc.get("context").asString()).isEqualTo("message_attachment");
        assertThat(doc.has("storageKey")).isFalse();
    }

    @Test
    void anAgentFileIsRecordedInTheAgentsContextWithLibreChatsMessage() {
        Http.Response uploaded = multipart.form().librechat("agents").field("tool_resource", "context")
                .field("agent_id", "agent_abc").file("file", "a.txt", "text/plain", TEXT).as(user()).post("/api/files");

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.json().get("message").asString()).isEqualTo("Agent file uploaded and processed successfully");
        assertThat(uploaded.json().get("context").asString()).isEqualTo("agents");
        assertThat(AUTH.filesOf("agent_abc", "context")).as("added to the agent's tool resource")
                .contains(uploaded.json().get("file_id").asString());
    }

    @Test
    void anUploadForAnAgentTheCallerMayNotEditIsRefusedAndLeavesNothing() {
        Person me = user();
        Http.Response refused = multipart.form().librechat("agents").field("tool_resource", "context")
                .field("agent_id", FakePeers.LOCKED_AGENT).file("file", "a.txt", "text/plain", TEXT).as(me).post("/api/files");

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(http.get("/api/files", me.auth()).json()).isEmpty();
    }

    @Test
    void downloadStreamsTheBytesWithDispositionTypeAndLibreChatsMetadataHeader() {
        Person me = user();
        JsonNode doc = upload(me, "Quarterly report ü.txt", TEXT);

        HttpResponse<byte[]> download = multipart.getBytes("/api/files/download/" + me.id() + "/" + doc.get("file_id").asString(),
                me.auth());

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(TEXT);
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment;").contains("filename*=UTF-8''Quarterly%20report%20%C3%BC.txt");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        String metadata = URLDecoder.decode(download.headers().firstValue("X-File-Metadata").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(Http.parse(metadata).get("file_id").asString()).isEqualTo(doc.get("file_id").asString());
    }

    @Test
    void aRangeRequestAnswersOnlyThatPart() {
        Person me = user();
        JsonNode doc = upload(me, "notes.txt", TEXT);

        HttpResponse<byte[]> part = multipart.getBytes("/api/files/" + doc.get("file_id").asString(),
                "Authorization", "Bearer " + me.token(), "Range", "bytes=0-6");

        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(new String(part.body(), StandardCharsets.UTF_8)).isEqualTo("Meeting");
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 0-6/" + TEXT.length);
    }

    @Test
    void aSuffixRangeAnswersTheLastBytesAndAnUnsatisfiableOneIs416() {
        Person me = user();
        String path = "/api/files/" + upload(me, "notes.txt", TEXT).get("file_id").asString();

        HttpResponse<byte[]> tail = multipart.getBytes(path, "Authorization", "Bearer " + me.token(), "Range", "bytes=-8");
        HttpResponse<byte[]> past = multipart.getBytes(path, "Authorization", "Bearer " + me.token(), "Range",
                "bytes=" + TEXT.length + "-");

        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(new String(tail.body(), StandardCharsets.UTF_8)).isEqualTo("ervice.\n");
        assertThat(tail.headers().firstValue("Content-Range"))
                .hasValue("bytes " + (TEXT.length - 8) + "-" + (TEXT.length - 1) + "/" + TEXT.length);
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */" + TEXT.length);
    }

    @Test
    void listsOnlyTheCallersFilesNewestFirst() {
        Person me = user();
        String first = upload(me, "one.txt", TEXT).get("file_id").asString();
        String second = upload(me, "two.txt", TEXT).get("file_id").asString();
        upload(user(), "theirs.txt", TEXT);

        Http.Response list = http.get("/api/files", me.auth());

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsString("file_id")).containsExactly(second, first);
    }

    @Test
    void theSeedsUploadTakesSeveralFilesAndItsGetDownloadsOne() {
        Person me = user();
        Http.Response uploaded = multipart.form().librechat("openAI").file("files", "a.txt", "text/plain", TEXT)
                .file("files", "b.csv", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)).as(me)
                .post("/api/files/upload");

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.json().get("files").findValuesAsString("filename")).containsExactly("a.txt", "b.csv");
        assertThat(uploaded.json().get("files").get(1).get("type").asString()).isEqualTo("text/csv");
        String id = uploaded.json().get("files").get(0).get("file_id").asString();
        assertThat(multipart.getBytes("/api/files/" + id, me.auth()).body()).isEqualTo(TEXT);
    }

    @Test
    void configAnswersTheYamlsFileConfigSection() {
        Http.Response config = http.get("/api/files/config", user().auth());

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().get("endpoints").get("small").get("fileLimit").asInt()).isEqualTo(2);
        assertThat(config.json().get("serverFileSizeLimit").asDouble()).isEqualTo(1.0);
    }

    private JsonNode upload(Person who, String filename, byte[] content) {
        Http.Response uploaded = multipart.form().librechat("openAI").file("file", filename, "text/plain", content).as(who)
                .post("/api/files");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        return uploaded.json();
    }
}
