package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the end-to-end tests: talks to the gateway only, as a browser would, each test from a
 * client address of its own (forwarded by the trusted loopback proxy) so that limits do not cross.
 */
@ExtendWith(ParleySystem.class)
abstract class E2ETest {

    static final String PASSWORD = "Correct-Horse-9";
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";

    Http http;
    String ip;

    @BeforeEach
    void client() {
        http = new Http(ParleySystem.gatewayUrl());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    Http.Response get(String path, String... headers) {
        return http.get(path, with(headers));
    }

    Http.Response post(String path, String body, String... headers) {
        return http.post(path, body, with(headers));
    }

    Http.Response register(String email) {
        return post("/api/auth/register", """
                {"name":"End To End","username":"","email":"%s","password":"%s","confirm_password":"%s"}"""
                .formatted(email, PASSWORD, PASSWORD));
    }

    Http.Response login(String email, String password) {
        return post("/api/auth/login", "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password));
    }

    /** A request as a signed-in person of {@code tenant} (the gateway takes the tenant from {@code X-Tenant}). */
    Http.Response as(String tenant, String auth, String method, String path, String body) {
        return http.send(method, path, body, "X-Tenant", tenant, "Authorization", auth, "X-Forwarded-For", ip,
                "User-Agent", BROWSER);
    }

    /** Registers and signs in a new person of {@code tenant}; the first of a tenant is its ADMIN. */
    String signIn(String tenant) {
        String email = uniqueEmail();
        assertThat(post("/api/auth/register", """
                {"name":"End To End","username":"","email":"%s","password":"%s","confirm_password":"%s"}"""
                .formatted(email, PASSWORD, PASSWORD), "X-Tenant", tenant).status()).isLessThan(300);
        return bearer(post("/api/auth/login", "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, PASSWORD),
                "X-Tenant", tenant));
    }

    static String uniqueTenant(String kind) {
        return kind + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String uniqueEmail() {
        return "e" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static String bearer(Http.Response session) {
        return "Bearer " + session.json().get("token").asString();
    }

    private String[] with(String... headers) {
        String[] all = new String[headers.length + 4];
        all[0] = "X-Forwarded-For";
        all[1] = ip;
        all[2] = "User-Agent";
        all[3] = BROWSER;
        System.arraycopy(headers, 0, all, 4, headers.length);
        return all;
    }
}
