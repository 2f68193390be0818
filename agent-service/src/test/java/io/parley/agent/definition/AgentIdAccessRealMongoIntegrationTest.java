package io.parley.agent.definition;

import io.parley.common.test.RealMongo;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Every test of {@link AgentIdAccessIntegrationTest} (agents by id across people and tenants) again on a real MongoDB, where Docker exists (skipped elsewhere). */
@Testcontainers(disabledWithoutDocker = true)
class AgentIdAccessRealMongoIntegrationTest extends AgentIdAccessIntegrationTest {

    @DynamicPropertySource
    static void realMongo(DynamicPropertyRegistry registry) {
        RealMongo.use(registry);
    }
}
