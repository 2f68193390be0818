package io.parley.auth.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.OperatorConfiguredIntegrationTest;
import io.parley.common.test.Http;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** LibreChat's {@code GET /api/balance} with balance checking and auto-refill on. */
class BalanceControllerIntegrationTest extends OperatorConfiguredIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void showsCreditsAndTheRefillSettingsWhileAutoRefillIsOn() {
        Http.Response session = signedIn("X-Parley-Tenant", uniqueTenant());

        Http.Response balance = http.get("/api/balance", "Authorization", "Bearer " + session.json().get("token").asString());

        assertThat(balance.status()).isEqualTo(200);
        JsonNode body = balance.json();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("tokenCredits", "autoRefillEnabled",
                "refillIntervalValue", "refillIntervalUnit", "lastRefill", "refillAmount");
        assertThat(body.get("tokenCredits").isIntegralNumber()).isTrue();
        assertThat(body.get("tokenCredits").asLong()).isEqualTo(START_BALANCE);
        assertThat(body.get("autoRefillEnabled").asBoolean()).isTrue();
        assertThat(body.get("refillIntervalValue").asInt()).isEqualTo(30);
        assertThat(body.get("refillIntervalUnit").asString()).isEqualTo("days");
        assertThat(body.get("refillAmount").asLong()).isEqualTo(REFILL_AMOUNT);
        assertThat(body.get("lastRefill").asString()).endsWith("Z");
    }

    @Test
    void aUserWithoutARecordGetsOneWithTheStartBalance() {
        String tenant = uniqueTenant();
        Http.Response session = signedIn("X-Parley-Tenant", tenant);
        ObjectId user = new ObjectId(session.json().at("/user/id").asString());
        mongo.remove(Query.query(Criteria.where("tenantId").is(tenant).and("user").is(user)), BalanceAccount.class);

        Http.Response balance = http.get("/api/balance", "Authorization", "Bearer " + session.json().get("token").asString());

        assertThat(balance.status()).isEqualTo(200);
        assertThat(balance.json().get("tokenCredits").asLong()).isEqualTo(START_BALANCE);
    }

    @Test
    void fractionalCreditsStayFractional() {
        String tenant = uniqueTenant();
        Http.Response session = signedIn("X-Parley-Tenant", tenant);
        ObjectId user = new ObjectId(session.json().at("/user/id").asString());
        mongo.updateFirst(Query.query(Criteria.where("tenantId").is(tenant).and("user").is(user)),
                new org.springframework.data.mongodb.core.query.Update().set("tokenCredits", 1234.5), BalanceAccount.class);

        Http.Response balance = http.get("/api/balance", "Authorization", "Bearer " + session.json().get("token").asString());

        assertThat(balance.json().get("tokenCredits").asDouble()).isEqualTo(1234.5);
    }
}
