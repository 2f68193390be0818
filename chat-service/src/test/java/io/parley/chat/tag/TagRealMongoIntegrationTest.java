package io.parley.chat.tag;

import io.parley.common.test.RealMongo;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Every test of {@link TagIntegrationTest} (conversation tags) again on a real MongoDB, where Docker exists (skipped elsewhere). */
@Testcontainers(disabledWithoutDocker = true)
class TagRealMongoIntegrationTest extends TagIntegrationTest {

    @DynamicPropertySource
    static void realMongo(DynamicPropertyRegistry registry) {
        RealMongo.use(registry);
    }
}
