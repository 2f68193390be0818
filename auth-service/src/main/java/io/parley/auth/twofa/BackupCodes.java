package io.parley.auth.twofa;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * LibreChat's backup codes (10 codes of 8 lowercase hexadecimal characters, shown once), each stored
 * as its own PBKDF2-HMAC-SHA256 hash with a random salt, so that equal codes never hash alike and a
 * leaked record costs a guesser per code.
 */
final class BackupCodes {

    static final int COUNT = 10;
    /**
     * Checking a code may hash it against all ten; this keeps that near a tenth of a second while the
     * per-user attempt limit bounds how often anyone can make the service do it.
     */
    static final int ITERATIONS = 10_000;

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{8}");
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BackupCodes() {
    }

    /** New codes: the plain ones to show once and the entries to store. */
    record Generated(List<String> plain, List<TwoFactorRecord.BackupCode> stored) {
    }

    static Generated generate() {
        List<String> plain = new ArrayList<>(COUNT);
        List<TwoFactorRecord.BackupCode> stored = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            byte[] raw = new byte[4];
            RANDOM.nextBytes(raw);
            String code = HexFormat.of().formatHex(raw);
            plain.add(code);
            stored.add(new TwoFactorRecord.BackupCode(hash(code), false, null));
        }
        return new Generated(List.copyOf(plain), List.copyOf(stored));
    }

    /** A typed code as stored codes are made: trimmed, lower-case; empty when it cannot be one. */
    static Optional<String> normalize(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String code = input.strip().toLowerCase(Locale.ROOT);
        return FORMAT.matcher(code).matches() ? Optional.of(code) : Optional.empty();
    }

    /** {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, salt and hash in base64. */
    static String hash(String code) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(pbkdf2(code, salt, ITERATIONS));
    }

    /** Whether {@code code} (normalized) is the one {@code codeHash} was made from; false for a hash of another form. */
    static boolean matches(String code, String codeHash) {
        String[] parts = codeHash == null ? new String[0] : codeHash.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return iterations > 0 && MessageDigest.isEqual(expected, pbkdf2(code, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] pbkdf2(String code, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(code.toCharArray(), salt, iterations, HASH_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }
}
