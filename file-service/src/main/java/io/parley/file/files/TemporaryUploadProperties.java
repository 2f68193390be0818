package io.parley.file.files;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ttl           how long a chat attachment lives while no message uses it (LibreChat's one hour)
 * @param sweepInterval how often the expired ones are removed
 * @param sweepBatch    how many files one sweep removes at most (the next sweep takes the rest)
 */
@ConfigurationProperties("parley.file.temporary")
record TemporaryUploadProperties(@DefaultValue("1h") Duration ttl, @DefaultValue("5m") Duration sweepInterval,
                                 @DefaultValue("500") int sweepBatch) {
}
