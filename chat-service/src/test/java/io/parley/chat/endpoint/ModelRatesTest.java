package io.parley.chat.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ModelRatesTest {

    /** The table auth-service settles turns with; this module's copy must say the same. */
    private static final Path AUTH_RATES = Path.of("..", "auth-service", "src", "main", "java", "io", "parley", "auth",
            "balance", "TokenRates.java");
    private static final Pattern PRICE = Pattern.compile("price\\(\"([^\"]+)\", ([0-9.]+), ([0-9.]+)\\);");

    @Test
    void pricesAreTheOnesAuthServiceSettlesWith() throws IOException {
        assumeTrue(Files.isReadable(AUTH_RATES), "auth-service's sources are not beside this module");
        String source = Files.readString(AUTH_RATES);
        Map<String, ModelRates.Price> charged = new HashMap<>();
        Matcher price = PRICE.matcher(source);
        while (price.find()) {
            charged.put(price.group(1), new ModelRates.Price(Double.parseDouble(price.group(2)),
                    Double.parseDouble(price.group(3))));
        }
        assertThat(charged).hasSizeGreaterThan(50);
        assertThat(ModelRates.table()).isEqualTo(charged);
        assertThat(source).contains("DEFAULT_RATE = " + (int) ModelRates.DEFAULT_RATE + ";");
    }

    @Test
    void aModelIsPricedByTheLongestKeyItsNameContainsElseLibreChatsFallbacksElseTheDefaultRate() {
        assertThat(ModelRates.of("gpt-4o-mini-2024-07-18")).isEqualTo(new ModelRates.Price(0.15, 0.6));
        assertThat(ModelRates.of("GPT-4o")).isEqualTo(new ModelRates.Price(2.5, 10));
        assertThat(ModelRates.of("gpt-4-turbo")).isEqualTo(new ModelRates.Price(10, 30));
        assertThat(ModelRates.of("claude-sonnet-4-5-20250929")).isEqualTo(new ModelRates.Price(3, 15));
        assertThat(ModelRates.of("llama3:8b")).isEqualTo(new ModelRates.Price(6, 6));
    }
}
