package io.parley.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.GrpcServerPort;
import io.parley.common.test.Http;
import io.parley.common.test.TestSigningKey;
import io.parley.common.test.Tokens;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * agent-service on a random port with an in-memory store and a fake auth-service (ACL and roles over
 * real gRPC). Its verification keys are the test's own, so tests act as any person of any tenant;
 * each test works in a tenant of its own. One context for every test class.
 */
@Import({TestSigningKey.Trusted.class, GrpcServerPort.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.mongo.embedded.backend=memory", "spring.grpc.server.port=0", "LOG_FORMAT="})
public abstract class AgentIntegrationTest {

    protected static final FakeAuthServices AUTH = new FakeAuthServices();

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        registry.add("spring.grpc.client.channels.auth.address", () -> "static://127.0.0.1:" + AUTH.port());
        // A cold test JVM's first call to the stand-in (connection, class loading) can outrun the production
        // deadline of 2 s on a loaded machine; no test here is about that deadline.
        registry.add("spring.grpc.client.channels.auth.default-deadline", () -> "15s");
    }

    @LocalServerPort
    protected int port;

    protected Http http;
    /** This test's tenant: nothing another test does is seen here. */
    protected String tenant;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
        tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected Person user() {
        return new Person(new ObjectId().toHexString(), tenant, "USER");
    }

    protected Person admin() {
        return new Person(new ObjectId().toHexString(), tenant, "ADMIN");
    }

    public record Person(String id, String tenant, String role) {

        public String token() {
            return Tokens.accessToken(id, tenant, role, "user-" + id.substring(18));
        }

        public String[] auth() {
            return new String[] {"Authorization", "Bearer " + token()};
        }

        /** The same person in another tenant (same id). */
        public Person in(String otherTenant) {
            return new Person(id, otherTenant, role);
        }
    }

    protected Http.Response get(Person who, String path) {
        return http.get(path, who.auth());
    }

    protected Http.Response post(Person who, String path, String body) {
        return http.post(path, body, who.auth());
    }

    protected Http.Response send(Person who, String method, String path, String body) {
        return http.send(method, path, body, who.auth());
    }

    /** Creates an agent and returns it (asserting the 201). */
    protected JsonNode createAgent(Person who, String body) {
        Http.Response created = post(who, "/api/agents", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    protected JsonNode createAgent(Person who) {
        return createAgent(who, """
                {"name":"Helper","description":"Helps","instructions":"Be kind","provider":"openAI","model":"gpt-4o"}""");
    }

    /** Shares through the fake ACL, as LibreChat's /api/permissions would. */
    protected void share(JsonNode agent, String principalType, String principalId, String accessRoleId) {
        AUTH.grant(tenant, agent.get("_id").asString(), principalType, principalId, accessRoleId);
    }

}
