package io.parley.common.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for small secrets kept in a database. A sealed value is {@code version (1) | IV (12) |
 * ciphertext and tag}, with a random IV per value. The associated data is the purpose followed by the
 * caller's context (e.g. tenant, user and row name), each part length-prefixed, so that a value copied
 * into another row, or sealed for another purpose with the same key, does not open.
 */
public final class AesGcmSealer {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final byte[] purpose;

    /** @param purpose names what the values are (e.g. {@code parley.user-key.v1}); part of every value's associated data */
    public AesGcmSealer(SecretKey key, String purpose) {
        this.key = key;
        this.purpose = purpose.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code plaintext} encrypted for {@code context}. */
    public byte[] seal(byte[] plaintext, String... context) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(context));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The plaintext of a value sealed for {@code context}.
     *
     * @throws Unreadable when it was sealed with another key, for another purpose or context, or altered
     */
    public byte[] open(byte[] sealed, String... context) {
        if (sealed == null || sealed.length < 1 + IV_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new Unreadable();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_BYTES));
            cipher.updateAAD(associatedData(context));
            return cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new Unreadable();
        }
    }

    /** A stored value that does not decrypt; carries no detail, so nothing of the value or key can leak through it. */
    public static final class Unreadable extends RuntimeException {
        public Unreadable() {
            super("The stored value does not decrypt with this key for this row", null, false, false);
        }
    }

    /** Length-prefixed parts, so that no two different contexts give the same bytes. */
    private byte[] associatedData(String... context) {
        byte[][] parts = new byte[context.length + 1][];
        parts[0] = purpose;
        for (int i = 0; i < context.length; i++) {
            parts[i + 1] = context[i].getBytes(StandardCharsets.UTF_8);
        }
        int size = 0;
        for (byte[] part : parts) {
            size += 4 + part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (byte[] part : parts) {
            out.putInt(part.length).put(part);
        }
        return out.array();
    }
}
