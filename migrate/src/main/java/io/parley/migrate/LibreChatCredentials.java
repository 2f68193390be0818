package io.parley.migrate;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * LibreChat's {@code CREDS_KEY} and {@code CREDS_IV}, with which it seals people's own API keys ({@code keys}):
 * opens the three forms its crypto module writes — hex AES-CBC with the fixed {@code CREDS_IV} (what
 * {@code updateUserKey} uses), {@code <iv>:<hex>} AES-CBC with an IV of its own, and {@code v3:<iv>:<hex>}
 * AES-256-CTR — so that the service taking them can seal them with its own key. Values and keys are never put into
 * a message.
 */
final class LibreChatCredentials {

    static final String SETTINGS = "CREDS_KEY and CREDS_IV (LibreChat's, 64 and 32 hex digits)";

    private final SecretKeySpec key;
    private final byte[] iv;

    private LibreChatCredentials(byte[] key, byte[] iv) {
        this.key = new SecretKeySpec(key, "AES");
        this.iv = iv;
    }

    /**
     * @return null when either variable is not set
     * @throws MigrationStopped when they are set but not LibreChat's shape
     */
    static @Nullable LibreChatCredentials from(Map<String, String> env) {
        String key = env.getOrDefault("CREDS_KEY", "").strip();
        String iv = env.getOrDefault("CREDS_IV", "").strip();
        if (key.isEmpty() || iv.isEmpty()) {
            return null;
        }
        byte[] keyBytes = hex(key);
        byte[] ivBytes = hex(iv);
        if (keyBytes == null || keyBytes.length != 32 && keyBytes.length != 16 && keyBytes.length != 24) {
            throw new MigrationStopped("CREDS_KEY is not LibreChat's: 64 hex digits (32 bytes)");
        }
        if (ivBytes == null || ivBytes.length != 16) {
            throw new MigrationStopped("CREDS_IV is not LibreChat's: 32 hex digits (16 bytes)");
        }
        return new LibreChatCredentials(keyBytes, ivBytes);
    }

    /**
     * The value LibreChat sealed.
     *
     * @throws GeneralSecurityException when it does not open with these credentials (another key, a value altered)
     */
    String open(String sealed) throws GeneralSecurityException {
        String[] parts = sealed.split(":", -1);
        if (parts.length == 3 && parts[0].equals("v3")) {
            return decrypt("AES/CTR/NoPadding", parts[1], parts[2]);
        }
        if (parts.length == 2) {
            return decrypt("AES/CBC/PKCS5Padding", parts[0], parts[1]);
        }
        if (parts.length == 1) {
            byte[] data = hex(sealed);
            if (data == null) {
                throw new GeneralSecurityException("not hex");
            }
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
            return utf8(cipher.doFinal(data));
        }
        throw new GeneralSecurityException("not a form LibreChat writes");
    }

    private String decrypt(String transformation, String ivHex, String dataHex) throws GeneralSecurityException {
        byte[] ownIv = hex(ivHex);
        byte[] data = hex(dataHex);
        if (ownIv == null || ownIv.length != 16 || data == null) {
            throw new GeneralSecurityException("not a form LibreChat writes");
        }
        Cipher cipher = Cipher.getInstance(transformation);
        cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(ownIv));
        return utf8(cipher.doFinal(data));
    }

    /** The plaintext as UTF-8; bytes that are not UTF-8 mean the wrong key (CTR has no padding to tell it). */
    private static String utf8(byte[] bytes) throws GeneralSecurityException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new GeneralSecurityException("not text");
        }
    }

    private static byte @Nullable [] hex(String value) {
        try {
            return HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
