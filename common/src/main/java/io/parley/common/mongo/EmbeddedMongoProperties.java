package io.parley.common.mongo;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process MongoDB-wire server a service runs when no {@code MONGODB_URI} is given.
 *
 * @param backend {@code h2} keeps data in a file under {@code dataDir} across restarts; {@code memory} forgets it
 * @param dataDir folder of the H2 file, one per service
 */
@ConfigurationProperties("parley.mongo.embedded")
public record EmbeddedMongoProperties(@DefaultValue("h2") Backend backend, @DefaultValue("data") Path dataDir) {

    public enum Backend { H2, MEMORY }
}
