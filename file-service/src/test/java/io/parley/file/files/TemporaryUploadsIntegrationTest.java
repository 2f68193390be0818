package io.parley.file.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.file.FileIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/** Chat attachments no message uses expire: gone for reads at once, removed with their bytes by the sweep. */
class TemporaryUploadsIntegrationTest extends FileIntegrationTest {

    private static final byte[] TEXT = "draft attachment\n".getBytes(StandardCharsets.UTF_8);

    @Autowired
    MongoTemplate mongo;
    @Autowired
    TemporaryUploads temporaryUploads;

    @Test
    void aChatAttachmentExpiresAfterAnHourAndAnAgentsFileDoesNot() {
        Person me = user();
        Instant before = Instant.now();

        JsonNode attachment = upload(me, "true", null);
        JsonNode agentFile = upload(me, null, "agent_abc");

        Instant expiresAt = Instant.parse(attachment.get("expiresAt").asString());
        assertThat(Duration.between(before, expiresAt)).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        assertThat(agentFile.has("expiresAt")).isFalse();
    }

    @Test
    void anExpiredAttachmentIsGoneForReadsAtOnceAndTheSweepRemovesItsBytesAndRecord() {
        Person me = user();
        String expired = upload(me, "true", null).get("file_id").asString();
        String fresh = upload(me, "true", null).get("file_id").asString();
        backdate(expired);
        Path bytes = storedBytes(expired);
        assertThat(bytes).exists();

        assertThat(http.get("/api/files/" + expired, me.auth()).status()).isEqualTo(404);
        assertThat(http.get("/api/files", me.auth()).json().findValuesAsString("file_id")).containsExactly(fresh);

        int removed = temporaryUploads.sweep();

        assertThat(removed).isGreaterThanOrEqualTo(1);
        assertThat(bytes).doesNotExist();
        assertThat(mongo.exists(Query.query(Criteria.where("file_id").is(expired)), FileStore.COLLECTION)).isFalse();
        assertThat(http.get("/api/files/" + fresh, me.auth()).status()).as("an unexpired one stays").isEqualTo(200);
    }

    private void backdate(String fileId) {
        mongo.updateFirst(Query.query(Criteria.where("file_id").is(fileId)),
                Update.update("expiresAt", Date.from(Instant.now().minusSeconds(1))), FileStore.COLLECTION);
    }

    private Path storedBytes(String fileId) {
        try (var files = Files.walk(DATA)) {
            return files.filter(p -> p.getFileName().toString().startsWith(fileId)).findFirst()
                    .orElseThrow(() -> new AssertionError("no stored bytes for " + fileId));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode upload(Person who, String messageFile, String agentId) {
        var form = multipart.form().librechat("agents").file("file", "draft.txt", "text/plain", TEXT);
        if (messageFile != null) {
            form.field("message_file", messageFile);
        }
        if (agentId != null) {
            form.field("agent_id", agentId).field("tool_resource", "context");
        }
        Http.Response uploaded = form.as(who).post("/api/files");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        return uploaded.json();
    }
}
