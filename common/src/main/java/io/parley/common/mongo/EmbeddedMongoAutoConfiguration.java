package io.parley.common.mongo;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import io.parley.common.mongo.embedded.IndexedH2Backend;
import io.parley.common.mongo.embedded.IndexedMemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * One machine, nothing installed: without {@code MONGODB_URI} (or {@code spring.mongodb.uri}) a
 * service starts a MongoDB-wire server in its own process, on a free loopback port, and connects to
 * it. Code must stay within what that server supports (no transactions, no {@code $text}, TTL
 * never fires): see docs/architecture.md. Both backends answer equality queries on an index's leading
 * fields from that index instead of scanning (see {@code io.parley.common.mongo.embedded}).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration")
@ConditionalOnClass({MongoServer.class, MongoConnectionDetails.class})
@ConditionalOnExpression("'${spring.mongodb.uri:}' == ''")
@EnableConfigurationProperties(EmbeddedMongoProperties.class)
public class EmbeddedMongoAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoAutoConfiguration.class);

    @Bean(destroyMethod = "shutdownNow")
    MongoServer embeddedMongoServer(EmbeddedMongoProperties properties,
                                    @Value("${spring.application.name:parley}") String application) {
        MongoServer server = new MongoServer(backend(properties, application));
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        log.info("Embedded MongoDB-wire server started backend={} address={}", properties.backend(),
                server.getLocalAddress());
        return server;
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnection(MongoServer server,
                                                   @Value("${spring.mongodb.database:parley}") String database) {
        InetSocketAddress address = server.getLocalAddress();
        ConnectionString uri = new ConnectionString(
                "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database);
        return () -> uri;
    }

    private static MongoBackend backend(EmbeddedMongoProperties properties, String application) {
        if (properties.backend() == EmbeddedMongoProperties.Backend.MEMORY) {
            return new IndexedMemoryBackend();
        }
        Path dir = properties.dataDir().resolve(application);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + dir.toAbsolutePath(), e);
        }
        return new IndexedH2Backend(dir.resolve("mongo.mv.db").toString());
    }
}
