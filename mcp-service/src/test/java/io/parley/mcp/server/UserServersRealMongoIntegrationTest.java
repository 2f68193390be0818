package io.parley.mcp.server;

import io.parley.common.test.RealMongo;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Every test of {@link UserServersIntegrationTest} (user-managed servers and their variables) again on a real MongoDB, where Docker exists (skipped elsewhere). */
@Testcontainers(disabledWithoutDocker = true)
class UserServersRealMongoIntegrationTest extends UserServersIntegrationTest {

    @DynamicPropertySource
    static void realMongo(DynamicPropertyRegistry registry) {
        RealMongo.use(registry);
    }
}
