package io.parley.common.test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service booted on the embedded store with auth-service's keys from {@link FakeKeys}: the one context
 * the contracts every service runs ({@link ServiceBootContract}, {@link ApiDocsContract}) share.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.mongo.embedded.backend=memory", "spring.grpc.server.port=0", "LOG_FORMAT="})
public abstract class BootedService {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void authServiceKeys(DynamicPropertyRegistry registry) {
        registry.add("spring.grpc.client.channels.auth.address", () -> "static://127.0.0.1:" + FakeKeys.sharedPort());
    }
}
