package io.parley.auth;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.parley.common.test.GrpcCalls;
import io.parley.common.test.GrpcServerPort;
import io.parley.common.test.Http;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * One auth-service on a random port with an in-memory store, shared by every integration test
 * class (same configuration, so Spring caches one context). Tests use their own e-mails or tenants.
 */
@Import(GrpcServerPort.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.mongo.embedded.backend=memory",
        "spring.grpc.server.port=0",
        "LOG_FORMAT="})
public abstract class AuthIntegrationTest {

    /**
     * The gRPC server's random port, for tests that call it as another service would. One per
     * application context: test classes with other properties run their own auth-service.
     */

    protected static final String PASSWORD = "Correct-Horse-9";

    @LocalServerPort
    int port;

    @Autowired
    GrpcServerPort grpc;

    protected Http http;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
    }

    /** A plaintext channel to this auth-service's gRPC server; the caller shuts it down. */
    protected ManagedChannel grpcChannel() {
        return ManagedChannelBuilder.forAddress("127.0.0.1", grpc.port).usePlaintext().build();
    }

    /** {@code stub} calling as the person of {@code accessToken} (relayed as other services do), with a deadline. */
    protected static <S extends AbstractStub<S>> S as(S stub, String accessToken) {
        return GrpcCalls.as(stub, accessToken, 5);
    }

    protected static String uniqueEmail() {
        return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    protected static String uniqueTenant() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected Http.Response register(String email, String... headers) {
        return http.post("/api/auth/register", """
                {"name":"Test Person","username":"","email":"%s","password":"%s","confirm_password":"%s"}"""
                .formatted(email, PASSWORD, PASSWORD), headers);
    }

    protected Http.Response login(String email, String password, String... headers) {
        return http.post("/api/auth/login", """
                {"email":"%s","password":"%s"}""".formatted(email, password), headers);
    }

    /** Registers and logs in a new person; the response carries the token and the cookies. */
    protected Http.Response signedIn(String... headers) {
        String email = uniqueEmail();
        register(email, headers);
        return login(email, PASSWORD, headers);
    }
}
