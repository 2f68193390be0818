package io.parley.common.test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * One MongoDB container per test JVM for the {@code *RealMongoIntegrationTest}s, which rerun store tests
 * written for the embedded server against the real thing: started by the first of them to need it and
 * shared by the rest (Testcontainers removes it when the JVM ends). Those tests are
 * {@code @Testcontainers(disabledWithoutDocker = true)}, so without Docker nothing here runs.
 */
public final class RealMongo {

    private static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    private RealMongo() {
    }

    /**
     * Points {@code spring.mongodb.uri} at the container; with it set, common's auto-configuration starts
     * no embedded server and the service talks to MongoDB itself, in the database its
     * {@code spring.mongodb.database} names.
     */
    public static void use(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", RealMongo::uri);
    }

    private static synchronized String uri() {
        if (!MONGO.isRunning()) {
            MONGO.start();
        }
        return MONGO.getReplicaSetUrl();
    }
}
