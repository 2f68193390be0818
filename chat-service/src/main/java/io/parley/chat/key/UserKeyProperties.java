package io.parley.chat.key;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the key that encrypts user-provided API keys comes from. {@link UserKeyCipher} checks the
 * values when the service starts and refuses to start on a bad one.
 *
 * @param credsKey LibreChat's {@code CREDS_KEY}: 64 hexadecimal characters (32 bytes, AES-256); empty
 *                 to use, or on first start generate, the key in {@code keyFile}
 * @param keyFile  the generated key, readable by its owner only; by default {@code data/chat-service/creds.key},
 *                 next to the embedded store's files ({@code parley.mongo.embedded.data-dir})
 */
@ConfigurationProperties("parley.chat.keys")
record UserKeyProperties(@DefaultValue("") String credsKey,
                         @DefaultValue("data/chat-service/creds.key") Path keyFile) {

    /** Never shows the key. */
    @Override
    public String toString() {
        return "UserKeyProperties[credsKey=" + (credsKey.isEmpty() ? "unset" : "set") + ", keyFile=" + keyFile + "]";
    }
}
