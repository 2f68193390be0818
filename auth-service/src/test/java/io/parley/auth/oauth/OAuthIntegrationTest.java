package io.parley.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import java.util.Map;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared auth-service of {@link AuthIntegrationTest} with social sign-in on, pointed at real
 * providers running in this JVM: an OpenID Connect provider (issuers {@code /openid} and {@code /google})
 * and a GitHub server. One more application context, shared by every class extending this one (the sign-in
 * tests of {@code oauth}, {@code social}, {@code externalaccount} and {@code graphtoken}).
 */
public abstract class OAuthIntegrationTest extends AuthIntegrationTest {

    protected static final IdentityProvider IDP = new IdentityProvider();
    protected static final FakeGitHub GITHUB = new FakeGitHub();
    /** Where new accounts' provider pictures are copied. */
    protected static final FakeFileService FILES = new FakeFileService();

    protected static final String OPENID_CLIENT = "parley-openid";
    protected static final String GOOGLE_CLIENT = "parley-google";
    /** Where Parley sends the browser after signing in ({@code DOMAIN_CLIENT}). */
    protected static final String CLIENT = "http://chat.parley.test";
    /** Parley's public origin ({@code DOMAIN_SERVER}); {@link Browser} reaches it at this test's port. */
    protected static final String SERVER = "http://api.parley.test";
    protected static final String FAILURE = CLIENT + "/oauth/error";
    protected static final String REQUIRED_ROLE = "chat-user";

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("ALLOW_SOCIAL_LOGIN", () -> "true");
        registry.add("ALLOW_SOCIAL_REGISTRATION", () -> "true");
        registry.add("DOMAIN_CLIENT", () -> CLIENT);
        registry.add("DOMAIN_SERVER", () -> SERVER);
        registry.add("OPENID_CLIENT_ID", () -> OPENID_CLIENT);
        registry.add("OPENID_CLIENT_SECRET", () -> "openid-secret");
        registry.add("OPENID_ISSUER", () -> IDP.issuer("openid"));
        registry.add("OPENID_SESSION_SECRET", () -> "a session secret of the test installation");
        registry.add("OPENID_REQUIRED_ROLE", () -> "admin, " + REQUIRED_ROLE);
        registry.add("OPENID_REQUIRED_ROLE_TOKEN_KIND", () -> "id");
        registry.add("OPENID_REQUIRED_ROLE_PARAMETER_PATH", () -> "realm_access.roles");
        registry.add("GOOGLE_CLIENT_ID", () -> GOOGLE_CLIENT);
        registry.add("GOOGLE_CLIENT_SECRET", () -> "google-secret");
        registry.add("parley.auth.oauth.google.issuer", () -> IDP.issuer("google"));
        registry.add("parley.auth.oauth.google.authorization-uri", () -> IDP.issuer("google") + "/authorize");
        registry.add("parley.auth.oauth.google.token-uri", () -> IDP.issuer("google") + "/token");
        registry.add("parley.auth.oauth.google.jwks-uri", () -> IDP.issuer("google") + "/jwks");
        registry.add("GITHUB_CLIENT_ID", () -> FakeGitHub.CLIENT_ID);
        registry.add("GITHUB_CLIENT_SECRET", () -> FakeGitHub.CLIENT_SECRET);
        registry.add("GITHUB_ENTERPRISE_BASE_URL", GITHUB::baseUrl);
        registry.add("spring.grpc.client.channels.file.address", () -> "static://127.0.0.1:" + FILES.port());
    }

    @LocalServerPort
    int parleyPort;

    /** A browser that has not been here before; {@code headers} go to Parley with every request. */
    protected Browser browser(String... headers) {
        return new Browser(SERVER, "http://127.0.0.1:" + parleyPort, headers);
    }

    /**
     * Signs in through the OpenID provider's login form as {@code subject} with these claims in its tokens.
     *
     * @return Parley's answer to the provider's redirect back
     */
    protected Browser.Page openIdSignIn(Browser browser, String subject, String claims) {
        return providerSignIn(browser, "/oauth/openid", subject, claims);
    }

    protected Browser.Page providerSignIn(Browser browser, String start, String subject, String claims) {
        Browser.Page toProvider = browser.get(start);
        assertThat(toProvider.status()).isEqualTo(302);
        Browser.Page form = browser.get(toProvider.location());
        assertThat(form.status()).as("the provider's login form").isEqualTo(200);
        Browser.Page back = browser.postForm(toProvider.location(), Map.of("username", subject, "claims", claims));
        assertThat(back.status()).isEqualTo(302);
        assertThat(back.location()).startsWith(SERVER);
        return browser.get(back.location());
    }

    /** ID-token claims of a person holding the required role. */
    protected static String person(String email, boolean emailVerified) {
        return """
                {"email":"%s","email_verified":%s,"name":"Ada Lovelace","preferred_username":"ada.%s",
                 "realm_access":{"roles":["reader","%s"]}}""".formatted(email, emailVerified,
                Integer.toHexString(email.hashCode()), REQUIRED_ROLE);
    }

    /** What {@code POST /api/auth/refresh} answers to the browser's refresh cookie. */
    protected Http.Response refresh(Browser browser) {
        return http.post("/api/auth/refresh", null, "Cookie", "refreshToken=" + browser.cookie("refreshToken"));
    }

    protected static String uniqueSubject() {
        return "sub-" + java.util.UUID.randomUUID();
    }
}
