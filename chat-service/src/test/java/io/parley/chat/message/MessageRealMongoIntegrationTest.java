package io.parley.chat.message;

import io.parley.common.test.RealMongo;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Every test of {@link MessageIntegrationTest} (messages) again on a real MongoDB, where Docker exists (skipped elsewhere). */
@Testcontainers(disabledWithoutDocker = true)
class MessageRealMongoIntegrationTest extends MessageIntegrationTest {

    @DynamicPropertySource
    static void realMongo(DynamicPropertyRegistry registry) {
        RealMongo.use(registry);
    }
}
