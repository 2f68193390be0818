package io.parley.auth;

import io.parley.common.test.Http;
import org.springframework.test.context.TestPropertySource;

/**
 * The shared auth-service of {@link AuthIntegrationTest} with operator access on
 * ({@code PARLEY_OPERATOR_KEY}) and registration closed, as a fresh installation whose first ADMIN an
 * operator makes. One more application context, shared by every class extending this one.
 */
@TestPropertySource(properties = {
        "PARLEY_OPERATOR_KEY=" + OperatorKeyIntegrationTest.OPERATOR_KEY,
        "ALLOW_REGISTRATION=false",
        "LOGIN_MAX=3"})
public abstract class OperatorKeyIntegrationTest extends AuthIntegrationTest {

    /** Only ever in tests. */
    protected static final String OPERATOR_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /** This auth-service's HTTP port, for a test's own stand-in of the gateway. */
    protected int httpPort() {
        return port;
    }

    /** An operator token of {@code tenant}, asked for from a client address of its own (failures count per address). */
    protected String operatorToken(String tenant) {
        Http.Response issued = http.post("/api/auth/operator/token", "{\"key\":\"" + OPERATOR_KEY + "\"}",
                "X-Parley-Tenant", tenant, "X-Parley-Client-Ip", "10.9.0.1");
        if (issued.status() != 200) {
            throw new AssertionError("no operator token: " + issued.status() + " " + issued.body());
        }
        return issued.json().get("token").asString();
    }
}
