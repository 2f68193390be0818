package io.parley.auth.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BalanceViewTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void withoutAutoRefillOnlyCreditsAndTheFlagAreShown() {
        BalanceAccount account = new BalanceAccount(new ObjectId(), "t", new ObjectId(), 20000.0, false, 30, "days",
                Instant.parse("2026-01-01T00:00:00Z"), 10000.0);

        JsonNode json = JSON.valueToTree(BalanceView.of(account));

        assertThat(json.propertyNames()).containsExactlyInAnyOrder("tokenCredits", "autoRefillEnabled");
        assertThat(json.get("tokenCredits").isIntegralNumber()).isTrue();
        assertThat(json.get("autoRefillEnabled").asBoolean()).isFalse();
    }

    @Test
    void aRecordWithoutRefillFieldsReadsAsAutoRefillOff() {
        BalanceAccount account = new BalanceAccount(new ObjectId(), "t", new ObjectId(), null, null, null, null, null, null);

        JsonNode json = JSON.valueToTree(BalanceView.of(account));

        assertThat(json.get("tokenCredits").asLong()).isZero();
        assertThat(json.get("autoRefillEnabled").asBoolean()).isFalse();
    }
}
