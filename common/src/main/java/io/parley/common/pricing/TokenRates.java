package io.parley.common.pricing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Model prices in USD per 1M tokens, which is also credits per token (1 credit = 1e-6 USD), after
 * LibreChat's {@code tx} tables: the rate of a model is that of the longest key its name contains
 * (ignoring case; of equally long keys the one listed last), then LibreChat's fallbacks for old
 * GPT names, else {@link #DEFAULT_RATE}. Some models cost more above a prompt size (premium).
 *
 * <p>auth-service settles turns at these rates and chat-service shows them in LibreChat's token config, so
 * the table lives here once: what the client shows is what is charged.
 */
public final class TokenRates {

    /** LibreChat's {@code defaultRate}: an unknown model costs 6 USD per 1M tokens either way. */
    public static final double DEFAULT_RATE = 6;

    public enum TokenType {
        PROMPT, COMPLETION;

        /** The name LibreChat's transactions store ({@code prompt}, {@code completion}). */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @param valueKey the table key that priced the model; null for the default rate */
    public record Rate(@Nullable String valueKey, double value) {
    }

    /** Prompt and completion prices of one model, USD per 1M tokens. */
    public record Price(double prompt, double completion) {
        double of(TokenType type) {
            return type == TokenType.PROMPT ? prompt : completion;
        }
    }

    private record Premium(long threshold, double prompt, double completion) {
    }

    private static final Map<String, Price> PRICES = new LinkedHashMap<>();
    private static final Map<String, Premium> PREMIUM = Map.of(
            "gemini-3.1", new Premium(200_000, 4, 18),
            "gpt-5.4", new Premium(272_000, 5, 22.5),
            "gpt-5.4-pro", new Premium(272_000, 60, 270),
            "gpt-5.5", new Premium(272_000, 10, 45),
            "gpt-5.5-pro", new Premium(272_000, 60, 270));

    static {
        // Context-size keys LibreChat keeps for old GPT names (also reached by the fallbacks below).
        price("8k", 30, 60);
        price("32k", 60, 120);
        price("4k", 1.5, 2);
        price("16k", 3, 4);
        // Family catch-alls.
        price("claude-", 0.8, 2.4);
        price("gemini", 0.5, 1.5);
        price("gemma", 0.02, 0.04);
        price("deepseek", 0.28, 0.42);
        price("command", 0.38, 0.38);
        price("grok", 2, 10);
        // OpenAI
        price("gpt-3.5-turbo-1106", 1, 2);
        price("gpt-3.5-turbo-0125", 0.5, 1.5);
        price("gpt-4-1106", 10, 30);
        price("gpt-4.1", 2, 8);
        price("gpt-4.1-mini", 0.4, 1.6);
        price("gpt-4.1-nano", 0.1, 0.4);
        price("gpt-4.5", 75, 150);
        price("gpt-4o", 2.5, 10);
        price("gpt-4o-2024-05-13", 5, 15);
        price("gpt-4o-mini", 0.15, 0.6);
        price("gpt-5", 1.25, 10);
        price("gpt-5-mini", 0.25, 2);
        price("gpt-5-nano", 0.05, 0.4);
        price("gpt-5-pro", 15, 120);
        price("gpt-5-chat-latest", 1.25, 10);
        price("gpt-5.1", 1.25, 10);
        price("gpt-5.1-chat-latest", 1.25, 10);
        price("gpt-5.2", 1.75, 14);
        price("gpt-5.2-pro", 21, 168);
        price("gpt-5.2-chat-latest", 1.75, 14);
        price("gpt-5.3", 1.75, 14);
        price("gpt-5.3-chat-latest", 1.75, 14);
        price("gpt-5.4", 2.5, 15);
        price("gpt-5.4-mini", 0.75, 4.5);
        price("gpt-5.4-nano", 0.2, 1.25);
        price("gpt-5.4-pro", 30, 180);
        price("gpt-5.5", 5, 30);
        price("gpt-5.5-pro", 30, 180);
        price("chat-latest", 5, 30);
        price("gpt-oss", 0.05, 0.2);
        price("gpt-oss-20b", 0.05, 0.2);
        price("gpt-oss-120b", 0.15, 0.6);
        price("o1", 15, 60);
        price("o1-mini", 1.1, 4.4);
        price("o1-preview", 15, 60);
        price("o3", 2, 8);
        price("o3-mini", 1.1, 4.4);
        price("o4-mini", 1.1, 4.4);
        // Anthropic
        price("claude-instant", 0.8, 2.4);
        price("claude-2", 8, 24);
        price("claude-2.1", 8, 24);
        price("claude-3-haiku", 0.25, 1.25);
        price("claude-3-sonnet", 3, 15);
        price("claude-3-opus", 15, 75);
        price("claude-3-5-haiku", 0.8, 4);
        price("claude-3.5-haiku", 0.8, 4);
        price("claude-3-5-sonnet", 3, 15);
        price("claude-3.5-sonnet", 3, 15);
        price("claude-3-7-sonnet", 3, 15);
        price("claude-3.7-sonnet", 3, 15);
        price("claude-haiku-4-5", 1, 5);
        price("claude-opus-4", 15, 75);
        price("claude-opus-4-5", 5, 25);
        price("claude-opus-4-6", 5, 25);
        price("claude-sonnet-4", 3, 15);
        price("claude-sonnet-4-5", 3, 15);
        price("claude-sonnet-4-6", 3, 15);
        // Google
        price("gemini-pro-vision", 0.5, 1.5);
        price("gemini-1.5", 2.5, 10);
        price("gemini-1.5-flash", 0.15, 0.6);
        price("gemini-1.5-flash-8b", 0.075, 0.3);
        price("gemini-2.0", 0.1, 0.4);
        price("gemini-2.0-flash", 0.1, 0.4);
        price("gemini-2.0-flash-lite", 0.075, 0.3);
        price("gemini-2.5", 0.3, 2.5);
        price("gemini-2.5-flash", 0.3, 2.5);
        price("gemini-2.5-flash-lite", 0.1, 0.4);
        price("gemini-2.5-pro", 1.25, 10);
        price("gemini-3", 2, 12);
        price("gemini-3.1", 2, 12);
        price("gemma-2", 0.01, 0.03);
        price("gemma-3", 0.02, 0.04);
        // Others LibreChat prices
        price("deepseek-chat", 0.28, 0.42);
        price("deepseek-reasoner", 0.28, 0.42);
        price("deepseek-r1", 0.4, 2);
        price("deepseek-v3", 0.2, 0.8);
        price("command-r", 0.5, 1.5);
        price("command-r-plus", 3, 15);
        price("grok-3", 3, 15);
        price("grok-3-mini", 0.3, 0.5);
        price("grok-4", 3, 15);
        price("codestral", 0.3, 0.9);
        price("mistral-small", 0.15, 0.2);
        price("mistral-medium", 1.5, 7.5);
        price("mistral-large", 2, 6);
    }

    private TokenRates() {
    }

    private static void price(String key, double prompt, double completion) {
        PRICES.put(key, new Price(prompt, completion));
    }

    /**
     * Credits per token of {@code type} for {@code model}.
     *
     * @param promptTokens the prompt size of the call, which decides premium pricing
     */
    public static Rate of(@Nullable String model, TokenType type, long promptTokens) {
        String key = valueKey(model);
        if (key == null) {
            return new Rate(null, DEFAULT_RATE);
        }
        Premium premium = PREMIUM.get(key);
        if (premium != null && promptTokens > premium.threshold()) {
            return new Rate(key, type == TokenType.PROMPT ? premium.prompt() : premium.completion());
        }
        return new Rate(key, PRICES.get(key).of(type));
    }

    /** The prices of {@code model} below any premium prompt size, as LibreChat's token config shows them. */
    public static Price of(@Nullable String model) {
        String key = valueKey(model);
        return key == null ? new Price(DEFAULT_RATE, DEFAULT_RATE) : PRICES.get(key);
    }

    /** The table key pricing {@code model}, or null when none does. */
    public static @Nullable String valueKey(@Nullable String model) {
        if (model == null || model.isBlank()) {
            return null;
        }
        String name = model.toLowerCase(Locale.ROOT);
        String best = null;
        for (String key : PRICES.keySet()) {
            if (name.contains(key) && (best == null || key.length() >= best.length())) {
                best = key;
            }
        }
        if (best != null) {
            return best;
        }
        // LibreChat's getValueKey fallbacks for GPT names no key contains.
        if (name.contains("gpt-3.5-turbo-16k")) {
            return "16k";
        } else if (name.contains("gpt-3.5")) {
            return "4k";
        } else if (name.contains("gpt-4-vision") || name.contains("gpt-4-0125") || name.contains("gpt-4-turbo")) {
            return "gpt-4-1106";
        } else if (name.contains("gpt-4-32k")) {
            return "32k";
        } else if (name.contains("gpt-4")) {
            return "8k";
        }
        return null;
    }
}
