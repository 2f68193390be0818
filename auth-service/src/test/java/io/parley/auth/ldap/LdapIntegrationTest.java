package io.parley.auth.ldap;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared auth-service with LDAP configured in LibreChat's environment names against the test
 * directory, over StartTLS with the directory's certificate as the trusted authority; logins by
 * e-mail or user name. One more application context, shared by every class extending this one.
 */
public abstract class LdapIntegrationTest extends AuthIntegrationTest {

    protected static final TestDirectory DIRECTORY = TestDirectory.shared();

    @DynamicPropertySource
    static void ldap(DynamicPropertyRegistry registry) {
        registry.add("LDAP_URL", DIRECTORY::ldapUrl);
        registry.add("LDAP_USER_SEARCH_BASE", () -> TestDirectory.PEOPLE);
        registry.add("LDAP_BIND_DN", () -> TestDirectory.SERVICE_DN);
        registry.add("LDAP_BIND_CREDENTIALS", () -> TestDirectory.SERVICE_PASSWORD);
        registry.add("LDAP_SEARCH_FILTER", () -> "(|(mail={{username}})(uid={{username}}))");
        registry.add("LDAP_LOGIN_USES_USERNAME", () -> "true");
        registry.add("LDAP_STARTTLS", () -> "true");
        registry.add("LDAP_CA_CERT_PATH", () -> DIRECTORY.caCertificate().toString());
        registry.add("LDAP_CONNECT_TIMEOUT", () -> "2000");
        registry.add("LDAP_RESPONSE_TIMEOUT", () -> "2000");
    }

    /** Signs in at {@code tenant} with a login and password as the LibreChat client sends them. */
    protected Http.Response ldapLogin(String tenant, String login, String password) {
        return http.post("/api/auth/login", "{\"email\":" + json(login) + ",\"password\":" + json(password) + "}",
                "X-Parley-Tenant", tenant);
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
