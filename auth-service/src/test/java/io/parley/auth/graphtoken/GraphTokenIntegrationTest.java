package io.parley.auth.graphtoken;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.parley.auth.oauth.Browser;
import io.parley.auth.oauth.OAuthIntegrationTest;
import io.parley.auth.openid.OpenIdProvider;
import io.parley.common.test.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** {@code GET /api/auth/graph-token}: the on-behalf-of exchange at the OpenID provider's token endpoint. */
class GraphTokenIntegrationTest extends OAuthIntegrationTest {

    private static final String GRAPH = "https://graph.microsoft.com/.default";

    @Autowired
    MongoTemplate mongo;

    @Test
    void theOpenIdPersonsTokenIsExchangedOnTheirBehalfForTheRequestedScopes() throws Exception {
        String subject = uniqueSubject();
        String token = openIdToken(subject);

        Http.Response graph = graphToken(token, GRAPH);

        assertThat(graph.status()).isEqualTo(200);
        assertThat(graph.json().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(graph.json().get("scope").asString()).isEqualTo(GRAPH);
        assertThat(graph.json().get("expires_in").asLong()).isPositive();
        JWTClaimsSet exchanged = SignedJWT.parse(graph.json().get("access_token").asString()).getJWTClaimsSet();
        assertThat(exchanged.getSubject()).as("issued for the person, not for Parley").isEqualTo(subject);
        assertThat(exchanged.getAudience()).containsExactly(GRAPH);
        assertThat(exchanged.getIssuer()).isEqualTo(IDP.issuer("openid"));
        String grant = IDP.tokenRequests().getLast();
        assertThat(grant).contains("grant_type=" + URLEncoder.encode(OpenIdProvider.JWT_BEARER, StandardCharsets.UTF_8))
                .contains("requested_token_use=on_behalf_of");
    }

    @Test
    void aPasswordSessionGets403AndNoScopesIs400AndNoTokenIs401() {
        String local = signedIn().json().get("token").asString();
        assertThat(graphToken(local, GRAPH).status()).isEqualTo(403);
        assertThat(graphToken(local, GRAPH).json().get("message").asString())
                .isEqualTo("Microsoft Graph access requires Entra ID authentication");

        String openId = openIdToken(uniqueSubject());
        assertThat(http.get("/api/auth/graph-token", "Authorization", "Bearer " + openId).status()).isEqualTo(400);
        assertThat(graphToken(openId, "bad\"scope").status()).isEqualTo(400);
        assertThat(http.get("/api/auth/graph-token?scopes=x").status()).isEqualTo(401);
    }

    @Test
    void theProvidersTokensAreSealedAtRest() {
        openIdToken(uniqueSubject());
        Document stored = mongo.getCollection("openid_session_tokens").find()
                .sort(new Document("accessTokenExpiresAt", -1)).first();

        assertThat(stored).isNotNull();
        assertThat(stored.getString("accessToken")).startsWith("v2:").doesNotContain("eyJ");
        assertThat(stored.getString("refreshToken")).startsWith("v2:");
    }

    @Test
    void anExpiredProviderTokenIsRenewedWithTheRefreshTokenFirst() throws Exception {
        String subject = uniqueSubject();
        String token = openIdToken(subject);
        String sessionId = SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid");
        mongo.updateFirst(Query.query(Criteria.where("_id").is(sessionId)),
                new Update().set("accessTokenExpiresAt", Instant.now().minusSeconds(5)), OpenIdSessionTokens.class);

        Http.Response graph = graphToken(token, GRAPH);

        assertThat(graph.status()).isEqualTo(200);
        assertThat(IDP.tokenRequests().get(IDP.tokenRequests().size() - 2)).contains("grant_type=refresh_token");
        assertThat(mongo.findById(sessionId, OpenIdSessionTokens.class).accessTokenExpiresAt()).isAfter(Instant.now());
    }

    /** Signs in through OpenID and answers the access token the client gets from refresh. */
    private String openIdToken(String subject) {
        Browser browser = browser();
        assertThat(openIdSignIn(browser, subject, person(uniqueEmail(), true)).location()).isEqualTo(CLIENT);
        return refresh(browser).json().get("token").asString();
    }

    private Http.Response graphToken(String token, String scopes) {
        return http.get("/api/auth/graph-token?scopes=" + URLEncoder.encode(scopes, StandardCharsets.UTF_8),
                "Authorization", "Bearer " + token);
    }
}
