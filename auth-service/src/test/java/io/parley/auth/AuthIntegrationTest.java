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

    /** A person signed in to a tenant (the tenant's first is its ADMIN). */
    protected record Member(String tenant, String id, String token, String email) {
    }

    /** Registers and signs in a new person of {@code tenant}; {@code loginHeaders} go with the login only. */
    protected Member member(String tenant, String... loginHeaders) {
        String email = uniqueEmail();
        if (register(email, "X-Parley-Tenant", tenant).status() != 200) {
            throw new IllegalStateException("registration refused in tenant " + tenant);
        }
        String[] headers = java.util.Arrays.copyOf(new String[] {"X-Parley-Tenant", tenant}, 2 + loginHeaders.length);
        System.arraycopy(loginHeaders, 0, headers, 2, loginHeaders.length);
        tools.jackson.databind.JsonNode session = login(email, PASSWORD, headers).json();
        return new Member(tenant, session.at("/user/id").asString(), session.get("token").asString(), email);
    }

    /** A request as {@code caller}, in the caller's tenant. */
    protected Http.Response send(Member caller, String method, String path, String body) {
        return http.send(method, path, body, "Authorization", "Bearer " + caller.token(), "X-Parley-Tenant",
                caller.tenant());
    }

    /** Registers and logs in a new person; the response carries the token and the cookies. */
    protected Http.Response signedIn(String... headers) {
        String email = uniqueEmail();
        register(email, headers);
        return login(email, PASSWORD, headers);
    }
}
