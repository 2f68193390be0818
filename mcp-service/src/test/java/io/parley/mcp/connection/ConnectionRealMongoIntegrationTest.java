package io.parley.mcp.connection;

import io.parley.common.test.RealMongo;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Every test of {@link ConnectionIntegrationTest} (custom user variables and connections) again on a real MongoDB, where Docker exists (skipped elsewhere). */
@Testcontainers(disabledWithoutDocker = true)
class ConnectionRealMongoIntegrationTest extends ConnectionIntegrationTest {

    @DynamicPropertySource
    static void realMongo(DynamicPropertyRegistry registry) {
        RealMongo.use(registry);
    }
}
