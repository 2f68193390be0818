package io.parley.file.files;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Chat attachments no message has used within {@link TemporaryUploadProperties#ttl()} (LibreChat's
 * {@code expiresAt}): reads treat them as gone at once ({@link StoredFile#expired}); this sweep then
 * removes their bytes and records. The sweep is the only remover: a TTL index would not run on the
 * embedded store and would leave the bytes behind anyway. Replicas sweeping at once delete the same
 * file twice, which is harmless.
 */
@Component
@EnableScheduling
@EnableConfigurationProperties(TemporaryUploadProperties.class)
public class TemporaryUploads {

    private static final Logger log = LoggerFactory.getLogger(TemporaryUploads.class);

    private final TemporaryUploadProperties settings;
    private final FileStore store;
    private final FileAccess access;

    TemporaryUploads(TemporaryUploadProperties settings, FileStore store, FileAccess access) {
        this.settings = settings;
        this.store = store;
        this.access = access;
    }

    /** How long a chat attachment lives while no message uses it. */
    public Duration ttl() {
        return settings.ttl();
    }

    /** @return how many expired uploads this sweep removed */
    @Scheduled(initialDelayString = "${parley.file.temporary.sweep-interval:5m}",
            fixedDelayString = "${parley.file.temporary.sweep-interval:5m}")
    int sweep() {
        int removed = 0;
        for (StoredFile file : store.expired(Instant.now(), settings.sweepBatch())) {
            try {
                access.delete(file);
                removed++;
            } catch (IOException | RuntimeException e) {
                // left for the next sweep; reads already treat the file as gone
                log.warn("Expired upload not removed tenant_id={} file_id={} reason={}", file.tenantId(), file.fileId(),
                        e.toString());
            }
        }
        if (removed > 0) {
            log.info("Expired uploads removed count={}", removed);
        }
        return removed;
    }
}
