package io.parley.file.speech;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code getCustomConfigSpeech}, which LibreChat's client asks on every page. LibreChat answers
 * whether librechat.yaml's {@code speech} section configures an external STT and TTS service, plus the
 * section's {@code speechTab} preferences; Parley runs no such service (no {@code /api/files/speech/stt} or
 * {@code /tts}), so it answers what LibreChat answers without a {@code speech} section: neither is
 * external, and the client offers the browser's own speech engines only.
 */
@RestController
class SpeechConfigController {

    private static final Map<String, Object> BROWSER_ONLY = Map.of("sttExternal", false, "ttsExternal", false);

    @GetMapping("/api/files/speech/config/get")
    Map<String, Object> config() {
        return BROWSER_ONLY;
    }
}
