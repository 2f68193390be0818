package io.parley.common.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.mongodb.core.MongoTemplate;

class EmbeddedMongoAutoConfigurationTest {

    @TempDir
    Path dataDir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EmbeddedMongoAutoConfiguration.class, MongoAutoConfiguration.class,
                        DataMongoAutoConfiguration.class))
                .withPropertyValues("spring.application.name=test-service", "spring.mongodb.database=parley_test",
                        "parley.mongo.embedded.data-dir=" + dataDir);
    }

    @Test
    void withoutAnAddressAServiceKeepsItsDataInAFileAcrossRestarts() {
        runner().run(context -> context.getBean(MongoTemplate.class)
                .insert(new Document("_id", "u1").append("tenantId", "default"), "users"));
        assertThat(Files.exists(dataDir.resolve("test-service/mongo.mv.db"))).isTrue();

        runner().run(context -> {
            MongoTemplate mongo = context.getBean(MongoTemplate.class);
            assertThat(mongo.getDb().getName()).isEqualTo("parley_test");
            assertThat(mongo.findById("u1", Document.class, "users")).containsEntry("tenantId", "default");
        });
    }

    @Test
    void writesWaitForAJournaledMajorityUnlessTheAddressNamesAWriteConcern() {
        ApplicationContextRunner durable = runner().withConfiguration(AutoConfigurations.of(DurableWritesAutoConfiguration.class));
        durable.run(context -> {
            com.mongodb.client.MongoClient client = context.getBean(com.mongodb.client.MongoClient.class);
            assertThat(client.getDatabase("parley_test").getWriteConcern()).isEqualTo(com.mongodb.WriteConcern.MAJORITY.withJournal(true));
            context.getBean(MongoTemplate.class).insert(new Document("_id", "w1"), "users");
        });
        durable.withPropertyValues("spring.mongodb.uri=mongodb://127.0.0.1:1/parley_test?w=1").run(context ->
                assertThat(context.getBean(com.mongodb.client.MongoClient.class).getDatabase("parley_test").getWriteConcern())
                        .isEqualTo(com.mongodb.WriteConcern.W1));
    }

    @Test
    void theMemoryBackendForgetsOnRestart() {
        ApplicationContextRunner memory = runner().withPropertyValues("parley.mongo.embedded.backend=memory");
        memory.run(context -> context.getBean(MongoTemplate.class).insert(new Document("_id", "u1"), "users"));
        memory.run(context -> assertThat(context.getBean(MongoTemplate.class).findById("u1", Document.class, "users")).isNull());
    }

    @Test
    void aGivenAddressTurnsTheEmbeddedServerOff() {
        runner().withPropertyValues("spring.mongodb.uri=mongodb://127.0.0.1:1/parley_test")
                .run(context -> assertThat(context).doesNotHaveBean(de.bwaldvogel.mongo.MongoServer.class));
    }

    @Test
    void healthPingsTheStoreForReal() {
        runner().withConfiguration(AutoConfigurations.of(MongoHealthAutoConfiguration.class)).run(context -> {
            MongoPingHealthIndicator health = (MongoPingHealthIndicator) context.getBean("mongoHealthIndicator");
            assertThat(health.health(true).getStatus().getCode()).isEqualTo("UP");
        });
    }

    @Test
    void healthIsDownWhenTheStoreDoesNotAnswer() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(
                "mongodb://127.0.0.1:" + closedPort + "/?serverSelectionTimeoutMS=300&connectTimeoutMS=300")) {
            MongoPingHealthIndicator health = new MongoPingHealthIndicator(new MongoTemplate(client, "parley_test"));
            assertThat(health.health(true).getStatus().getCode()).isEqualTo("DOWN");
        }
    }
}
