package io.parley.file.scan;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The virus scan: ClamAV's daemon over TCP ({@code CLAMD_ADDRESS}, {@code host:port}); empty (the
 * default) scans nothing.
 *
 * @param address   {@code host:port} of clamd, or empty
 * @param timeout   connect and read timeout of one scan
 * @param chunkSize bytes per INSTREAM chunk (clamd's StreamMaxLength still bounds the whole stream)
 */
@Validated
@ConfigurationProperties("parley.file.clamd")
record ClamdProperties(@DefaultValue("") String address, @DefaultValue("60s") Duration timeout,
                       @DefaultValue("65536") @Min(1024) int chunkSize) {
}
