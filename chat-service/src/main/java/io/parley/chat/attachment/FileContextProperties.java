package io.parley.chat.attachment;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * librechat.yaml's {@code fileConfig} as far as the model's context is concerned.
 *
 * @param fileTokenLimit tokens the documents attached to one message may take in the model's context at
 *                       most (LibreChat's default 100,000); 0 sends no document text at all, as in LibreChat
 */
@Validated
@ConfigurationProperties("librechat.file-config")
record FileContextProperties(@DefaultValue("100000") @Min(0) int fileTokenLimit) {
}
