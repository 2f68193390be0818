package io.parley.file.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.events.AccountDataEraser;
import io.parley.common.test.Http;
import io.parley.file.FileIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class FileAccountEraserIntegrationTest extends FileIntegrationTest {

    @Autowired
    AccountDataEraser eraser;

    @Test
    void erasesThePersonsRecordsAndStoredBytesButNothingOfOthers() {
        Person gone = user();
        Person stays = user();
        String goneFile = upload(gone);
        String staysFile = upload(stays);
        Path goneBytes = DATA.resolve(tenant).resolve(gone.id()).resolve(goneFile);
        assertThat(goneBytes).exists();

        eraser.erase(tenant, gone.id());
        eraser.erase(tenant, gone.id()); // idempotent: a repeated event finds nothing left

        assertThat(Files.exists(goneBytes)).isFalse();
        assertThat(http.get("/api/files", gone.auth()).json()).isEmpty();
        assertThat(http.get("/api/files", stays.auth()).json().findValuesAsString("file_id")).containsExactly(staysFile);
        assertThat(http.get("/api/files/" + staysFile, stays.auth()).status()).isEqualTo(200);
    }

    @Test
    void erasesOnlyInTheNamedTenant() {
        Person person = user();
        String id = upload(person);

        eraser.erase("another-" + tenant, person.id());

        assertThat(http.get("/api/files/" + id, person.auth()).status()).isEqualTo(200);
    }

    private String upload(Person who) {
        Http.Response uploaded = multipart.form().librechat("openAI")
                .file("file", "a.txt", "text/plain", "bytes\n".getBytes(StandardCharsets.UTF_8)).as(who).post("/api/files");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        return uploaded.json().get("file_id").asString();
    }
}
