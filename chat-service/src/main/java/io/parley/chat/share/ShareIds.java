package io.parley.chat.share;

import io.parley.common.error.ApiException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * LibreChat's nanoid ids: 21 characters of {@code A-Za-z0-9_-} (126 random bits), for share ids and
 * the anonymous ids of a shared conversation.
 */
final class ShareIds {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();
    private static final int LENGTH = 21;
    /** A share id as a path names it: nanoid's characters, bounded so a lookup stays cheap. */
    private static final Pattern SHARE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShareIds() {
    }

    static String next() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[bytes[i] & 63]; // 64 characters: every one equally likely
        }
        return new String(id);
    }

    /** @throws ApiException.Invalid when {@code shareId} cannot be a share id */
    static String requireShareId(String shareId) {
        if (!SHARE_ID.matcher(shareId).matches()) {
            throw ApiException.Invalid.field("shareId", "must be a share id");
        }
        return shareId;
    }
}
