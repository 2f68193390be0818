package io.parley.file.speech;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.file.FileIntegrationTest;
import org.junit.jupiter.api.Test;

/** The speech settings LibreChat's client asks for on every page. */
class SpeechConfigIntegrationTest extends FileIntegrationTest {

    @Test
    void answersLibreChatsSettingsWithoutExternalSpeechServices() {
        Http.Response config = http.get("/api/files/speech/config/get", user().auth());

        assertThat(config.status()).as(config.body()).isEqualTo(200);
        assertThat(config.json().get("sttExternal").asBoolean()).isFalse();
        assertThat(config.json().get("ttsExternal").asBoolean()).isFalse();
        assertThat(config.json().size()).isEqualTo(2);
    }

    @Test
    void needsASignedInPerson() {
        assertThat(http.get("/api/files/speech/config/get").status()).isEqualTo(401);
    }
}
