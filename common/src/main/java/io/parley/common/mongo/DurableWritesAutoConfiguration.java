package io.parley.common.mongo;

import com.mongodb.WriteConcern;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A write is acknowledged once a majority of the replica set has it in its journal, so that an
 * acknowledged write survives the crash of any one member (the embedded store syncs before it answers,
 * the same promise). A write concern named in {@code MONGODB_URI} ({@code w=}, {@code journal=}) wins.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration")
@ConditionalOnClass({WriteConcern.class, MongoClientSettingsBuilderCustomizer.class})
public class DurableWritesAutoConfiguration {

    static final WriteConcern DURABLE = WriteConcern.MAJORITY.withJournal(true);

    /** After Spring Boot's own customizer, which applies the connection string. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    MongoClientSettingsBuilderCustomizer durableWrites(MongoConnectionDetails connection) {
        return settings -> {
            if (connection.getConnectionString().getWriteConcern() == null) {
                settings.writeConcern(DURABLE);
            }
        };
    }
}
