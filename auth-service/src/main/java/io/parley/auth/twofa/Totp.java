package io.parley.auth.twofa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): the HMAC of the number of time steps
 * since the epoch, dynamically truncated to {@code digits} decimal digits.
 *
 * @param hmacAlgorithm a JCA MAC name: {@code HmacSHA1} (what authenticator apps assume), {@code HmacSHA256}, {@code HmacSHA512}
 */
record Totp(String hmacAlgorithm, int digits, Duration step) {

    /** LibreChat's (and every authenticator app's default): SHA-1, 6 digits, 30 seconds. */
    static final Totp STANDARD = new Totp("HmacSHA1", 6, Duration.ofSeconds(30));
    /** Steps either side of the current one that are still accepted, for clock drift and typing time. */
    static final int WINDOW = 1;

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    Totp {
        if (digits < 1 || digits > 8) {
            throw new IllegalArgumentException("digits must be 1-8");
        }
    }

    /** The time step {@code at} falls in (RFC 6238's T, with T0 = 0). */
    long stepAt(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), step.toSeconds());
    }

    /** The code of {@code step}, zero-padded. */
    String code(byte[] secret, long step) {
        byte[] hash = hmac(secret, ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS_OF_TEN[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    /**
     * The latest step within {@link #WINDOW} of {@code now} whose code is {@code code}; empty when none
     * is (or the input is not {@code digits} digits). Every candidate is compared, in constant time.
     */
    OptionalLong matchingStep(byte[] secret, String code, Instant now) {
        String given = code == null ? "" : code.strip();
        if (given.length() != digits || !given.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        byte[] givenBytes = given.getBytes(StandardCharsets.US_ASCII);
        long current = stepAt(now);
        OptionalLong found = OptionalLong.empty();
        for (long candidate = current - WINDOW; candidate <= current + WINDOW; candidate++) {
            if (MessageDigest.isEqual(givenBytes, code(secret, candidate).getBytes(StandardCharsets.US_ASCII))) {
                found = OptionalLong.of(candidate);
            }
        }
        return found;
    }

    private byte[] hmac(byte[] secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance(hmacAlgorithm);
            mac.init(new SecretKeySpec(secret, "RAW"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmacAlgorithm + " is not available", e);
        }
    }
}
