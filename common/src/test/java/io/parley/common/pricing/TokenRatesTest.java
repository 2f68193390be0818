package io.parley.common.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.pricing.TokenRates.Price;
import io.parley.common.pricing.TokenRates.TokenType;
import org.junit.jupiter.api.Test;

class TokenRatesTest {

    @Test
    void theLongestKeyTheModelNameContainsWins() {
        assertThat(TokenRates.valueKey("gpt-4o-mini-2024-07-18")).isEqualTo("gpt-4o-mini");
        assertThat(TokenRates.valueKey("gpt-4o-2024-11-20")).isEqualTo("gpt-4o");
        assertThat(TokenRates.valueKey("gpt-4.1-nano")).isEqualTo("gpt-4.1-nano");
        assertThat(TokenRates.valueKey("gpt-5-mini")).isEqualTo("gpt-5-mini");
        assertThat(TokenRates.valueKey("o3-mini-high")).isEqualTo("o3-mini");
        assertThat(TokenRates.valueKey("claude-sonnet-4-5-20250929")).isEqualTo("claude-sonnet-4-5");
        assertThat(TokenRates.valueKey("claude-opus-4-1-20250805")).isEqualTo("claude-opus-4");
        assertThat(TokenRates.valueKey("anthropic.claude-3-5-haiku-20241022-v1:0")).isEqualTo("claude-3-5-haiku");
        assertThat(TokenRates.valueKey("gemini-2.5-flash-lite-preview")).isEqualTo("gemini-2.5-flash-lite");
        assertThat(TokenRates.valueKey("models/gemini-1.5-pro-002")).isEqualTo("gemini-1.5");
        assertThat(TokenRates.valueKey("claude-some-future-model")).isEqualTo("claude-");
    }

    @Test
    void matchingIgnoresCase() {
        assertThat(TokenRates.valueKey("GPT-4o-Mini")).isEqualTo("gpt-4o-mini");
    }

    @Test
    void oldGptNamesFallBackAsLibreChatDoes() {
        assertThat(TokenRates.valueKey("gpt-4-turbo-preview")).isEqualTo("gpt-4-1106");
        assertThat(TokenRates.valueKey("gpt-4-0613")).isEqualTo("8k");
        assertThat(TokenRates.valueKey("gpt-3.5-turbo")).isEqualTo("4k");
    }

    @Test
    void pricesArePerTokenTypeInCreditsPerToken() {
        assertThat(TokenRates.of("gpt-4o", TokenType.PROMPT, 10).value()).isEqualTo(2.5);
        assertThat(TokenRates.of("gpt-4o", TokenType.COMPLETION, 10).value()).isEqualTo(10);
        assertThat(TokenRates.of("claude-3-7-sonnet-latest", TokenType.COMPLETION, 10).value()).isEqualTo(15);
        assertThat(TokenRates.of("gemini-2.5-pro", TokenType.PROMPT, 10).value()).isEqualTo(1.25);
    }

    @Test
    void anUnknownModelCostsTheDefaultRateBothWays() {
        assertThat(TokenRates.of("llama-local", TokenType.PROMPT, 10)).isEqualTo(new TokenRates.Rate(null, 6));
        assertThat(TokenRates.of("", TokenType.COMPLETION, 10)).isEqualTo(new TokenRates.Rate(null, 6));
    }

    @Test
    void largePromptsPayThePremiumRateWhereOneExists() {
        assertThat(TokenRates.of("gpt-5.4", TokenType.PROMPT, 272_000).value()).isEqualTo(2.5);
        assertThat(TokenRates.of("gpt-5.4", TokenType.PROMPT, 272_001).value()).isEqualTo(5);
        assertThat(TokenRates.of("gpt-5.4", TokenType.COMPLETION, 300_000).value()).isEqualTo(22.5);
    }

    @Test
    void aModelsPricesAreItsRatesBelowAnyPremium() {
        assertThat(TokenRates.of("gpt-4o-mini-2024-07-18")).isEqualTo(new Price(0.15, 0.6));
        assertThat(TokenRates.of("GPT-4o")).isEqualTo(new Price(2.5, 10));
        assertThat(TokenRates.of("gpt-4-turbo")).isEqualTo(new Price(10, 30));
        assertThat(TokenRates.of("claude-sonnet-4-5-20250929")).isEqualTo(new Price(3, 15));
        assertThat(TokenRates.of("gpt-5.4")).isEqualTo(new Price(2.5, 15));
    }

    @Test
    void anUnknownModelIsPricedAtTheDefaultRateBothWays() {
        assertThat(TokenRates.of("llama3:8b")).isEqualTo(new Price(6, 6));
        assertThat(TokenRates.of((String) null)).isEqualTo(new Price(6, 6));
    }
}
