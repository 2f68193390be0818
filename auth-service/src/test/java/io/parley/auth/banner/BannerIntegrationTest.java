package io.parley.auth.banner;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/banner} over real HTTP: the banner showing now in the request's tenant, public ones
 * to everyone and the others to signed-in people only. Banners are stored directly, as LibreChat's
 * {@code update-banner} script does.
 */
class BannerIntegrationTest extends AuthIntegrationTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Autowired
    BannerStore banners;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private Banner stored(String tenant, String message, Instant from, @Nullable Instant to, boolean isPublic) {
        return stored(tenant, message, from, to, isPublic, Banner.BANNER);
    }

    private Banner stored(String tenant, String message, Instant from, @Nullable Instant to, boolean isPublic, String type) {
        Banner banner = new Banner(new ObjectId(), tenant, UUID.randomUUID().toString(), message, from, to, type,
                isPublic, false);
        banners.insert(banner);
        return banner;
    }

    private Http.Response signedOut(String tenant) {
        return http.get("/api/banner", "X-Parley-Tenant", tenant);
    }

    private Http.Response as(String token, String tenant) {
        return http.get("/api/banner", "Authorization", "Bearer " + token, "X-Parley-Tenant", tenant);
    }

    private String tokenIn(String tenant) {
        return signedIn("X-Parley-Tenant", tenant).json().get("token").asString();
    }

    private static String messageOf(Http.Response response) {
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        return body.isNull() ? "(none)" : body.get("message").asString();
    }

    @Test
    void theActiveBannerIsShownWithLibreChatsFields() {
        String tenant = uniqueTenant();
        Banner banner = new Banner(new ObjectId(), tenant, UUID.randomUUID().toString(), "Maintenance at noon",
                now.minus(HOUR), now.plus(HOUR), Banner.BANNER, true, true);
        banners.insert(banner);

        Http.Response shown = signedOut(tenant);

        assertThat(shown.status()).isEqualTo(200);
        JsonNode body = shown.json();
        assertThat(body.get("bannerId").asString()).isEqualTo(banner.bannerId());
        assertThat(body.get("message").asString()).isEqualTo("Maintenance at noon");
        assertThat(Instant.parse(body.get("displayFrom").asString())).isEqualTo(banner.displayFrom());
        assertThat(Instant.parse(body.get("displayTo").asString())).isEqualTo(banner.displayTo());
        assertThat(body.get("type").asString()).isEqualTo("banner");
        assertThat(body.get("isPublic").asBoolean()).isTrue();
        assertThat(body.get("persistable").asBoolean()).isTrue();
        assertThat(body.has("tenantId")).isFalse();
    }

    @Test
    void withoutABannerTheAnswerIsJsonNull() {
        Http.Response none = signedOut(uniqueTenant());

        assertThat(none.status()).isEqualTo(200);
        assertThat(none.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(none.body()).isEqualTo("null");
    }

    @Test
    void aBannerWithoutAnEndShowsAndDisplayToIsNull() {
        String tenant = uniqueTenant();
        stored(tenant, "Welcome", now.minus(HOUR), null, true);

        JsonNode body = signedOut(tenant).json();

        assertThat(body.get("message").asString()).isEqualTo("Welcome");
        assertThat(body.get("displayTo").isNull()).isTrue();
    }

    @Test
    void endedAndFutureBannersAndPopupsAreNotShown() {
        String tenant = uniqueTenant();
        stored(tenant, "ended", now.minus(HOUR.multipliedBy(2)), now.minus(HOUR), true);
        stored(tenant, "future", now.plus(HOUR), null, true);
        stored(tenant, "popup", now.minus(HOUR), null, true, "popup");

        assertThat(messageOf(signedOut(tenant))).isEqualTo("(none)");
        assertThat(messageOf(as(tokenIn(tenant), tenant))).isEqualTo("(none)");
    }

    @Test
    void theLatestToBeginIsShown() {
        String tenant = uniqueTenant();
        stored(tenant, "older", now.minus(HOUR.multipliedBy(3)), null, true);
        stored(tenant, "newer", now.minus(HOUR), now.plus(HOUR), true);
        stored(tenant, "oldest", now.minus(HOUR.multipliedBy(5)), now.plus(HOUR), true);

        assertThat(messageOf(signedOut(tenant))).isEqualTo("newer");
    }

    @Test
    void aNonPublicBannerIsHiddenWhenSignedOutAndShownWhenSignedIn() {
        String tenant = uniqueTenant();
        String token = tokenIn(tenant);
        stored(tenant, "for members", now.minus(HOUR), null, false);

        assertThat(messageOf(signedOut(tenant))).isEqualTo("(none)");
        assertThat(messageOf(as(token, tenant))).isEqualTo("for members");
        assertThat(messageOf(http.get("/api/banner", "Authorization", "Bearer " + token))).isEqualTo("for members");
    }

    @Test
    void signedOutPeopleSeeThePublicBannerBehindANewerNonPublicOne() {
        String tenant = uniqueTenant();
        stored(tenant, "for everyone", now.minus(HOUR.multipliedBy(2)), null, true);
        stored(tenant, "for members", now.minus(HOUR), null, false);

        assertThat(messageOf(signedOut(tenant))).isEqualTo("for everyone");
        assertThat(messageOf(as(tokenIn(tenant), tenant))).isEqualTo("for members");
    }

    @Test
    void anInvalidTokenReadsAsSignedOut() {
        String tenant = uniqueTenant();
        String token = tokenIn(tenant);
        stored(tenant, "for members", now.minus(HOUR), null, false);

        assertThat(messageOf(as("not-a-token", tenant))).isEqualTo("(none)");
        assertThat(messageOf(as(token.substring(0, token.length() - 4) + "AAAA", tenant))).isEqualTo("(none)");

        stored(tenant, "for everyone", now.minus(HOUR.multipliedBy(2)), null, true);
        assertThat(messageOf(as("not-a-token", tenant))).isEqualTo("for everyone");
    }

    @Test
    void anotherTenantsBannerIsNeverShown() {
        String tenant = uniqueTenant();
        String other = uniqueTenant();
        String otherToken = tokenIn(other);
        stored(tenant, "public here", now.minus(HOUR), null, true);
        stored(tenant, "members here", now.minus(HOUR.multipliedBy(2)), null, false);

        assertThat(messageOf(signedOut(other))).isEqualTo("(none)");
        assertThat(messageOf(as(otherToken, other))).isEqualTo("(none)");
        assertThat(messageOf(http.get("/api/banner", "Authorization", "Bearer " + otherToken))).isEqualTo("(none)");
    }

    @Test
    void aTokenOfAnotherTenantThanTheRequestsReadsAsSignedOutThere() {
        String tenant = uniqueTenant();
        String otherToken = tokenIn(uniqueTenant());
        stored(tenant, "for members", now.minus(HOUR), null, false);

        assertThat(messageOf(as(otherToken, tenant))).isEqualTo("(none)");

        stored(tenant, "for everyone", now.minus(HOUR.multipliedBy(2)), null, true);
        assertThat(messageOf(as(otherToken, tenant))).isEqualTo("for everyone");
    }
}
