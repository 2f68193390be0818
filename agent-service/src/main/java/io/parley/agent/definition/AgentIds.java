package io.parley.agent.definition;

import java.security.SecureRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** LibreChat's agent ids: {@code agent_} + nanoid(21), nanoid's alphabet {@code A-Za-z0-9_-}. */
final class AgentIds {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();
    private static final Pattern ID = Pattern.compile("agent_[A-Za-z0-9_-]{21}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AgentIds() {
    }

    static String next() {
        StringBuilder id = new StringBuilder("agent_");
        for (int i = 0; i < 21; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    /** Whether {@code id} has the shape of an id this service gives out (anything else names no agent). */
    static boolean isWellFormed(@Nullable String id) {
        return id != null && ID.matcher(id).matches();
    }
}
