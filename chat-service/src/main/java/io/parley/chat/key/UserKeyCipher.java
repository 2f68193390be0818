package io.parley.chat.key;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for user-provided API keys. A sealed value is {@code version (1) | IV (12) | ciphertext
 * and tag}, with a random IV per value. The row it belongs to (tenant, user, endpoint name) is the
 * associated data, so a value copied into another row does not open.
 *
 * <p>The key is {@code CREDS_KEY} when set; otherwise one generated on first start and kept in
 * {@link UserKeyProperties#keyFile()}, readable by its owner only. A bad key stops the start-up.
 * Values encrypted by LibreChat itself (AES-CBC with {@code CREDS_IV}) are not readable here.
 */
@Component
class UserKeyCipher {

    private static final Logger log = LoggerFactory.getLogger(UserKeyCipher.class);
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] PURPOSE = "parley.user-key.v1".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    UserKeyCipher(UserKeyProperties properties) {
        this.key = properties.credsKey().isBlank() ? fromFile(properties.keyFile()) : parse(properties.credsKey(), "CREDS_KEY");
    }

    /** The value encrypted for its row. */
    byte[] seal(String plaintext, String tenantId, String user, String name) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(tenantId, user, name));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The plaintext of a value sealed for this row.
     *
     * @throws Unreadable when it was sealed with another key, for another row, or altered
     */
    String open(byte[] sealed, String tenantId, String user, String name) {
        if (sealed.length < 1 + IV_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new Unreadable();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_BYTES));
            cipher.updateAAD(associatedData(tenantId, user, name));
            byte[] plain = cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new Unreadable();
        }
    }

    /** A stored value that does not decrypt; carries no detail, so nothing of the value or key can leak through it. */
    static final class Unreadable extends RuntimeException {
        Unreadable() {
            super("The stored value does not decrypt with this key for this row", null, false, false);
        }
    }

    /**
     * The key from its hexadecimal form.
     *
     * @param source what to name in the error (never the value itself)
     * @throws IllegalStateException when it is not 64 hexadecimal characters
     */
    static SecretKey parse(String hex, String source) {
        String value = hex.strip();
        if (!HEX_64.matcher(value).matches()) {
            throw new IllegalStateException(source + " must be 64 hexadecimal characters (a 32-byte AES-256 key, e.g. from"
                    + " `openssl rand -hex 32`); the value given has " + value.length() + " characters"
                    + (value.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? "" : ", not all hexadecimal"));
        }
        return new SecretKeySpec(HexFormat.of().parseHex(value), "AES");
    }

    /** Length-prefixed parts, so that no two different rows give the same bytes. */
    private static byte[] associatedData(String tenantId, String user, String name) {
        byte[][] parts = {PURPOSE, bytes(tenantId), bytes(user), bytes(name)};
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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static SecretKey fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    ownerOnly())) {
                channel.write(ByteBuffer.wrap((HexFormat.of().formatHex(raw) + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            } catch (FileAlreadyExistsException raced) {
                return read(file);
            }
            log.info("CREDS_KEY is not set: generated a key for user-provided API keys and saved it, readable by its"
                    + " owner only, in {}. Back it up with the database, or set CREDS_KEY: stored keys cannot be read"
                    + " without it.", file.toAbsolutePath());
            return new SecretKeySpec(raw, "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key file " + file.toAbsolutePath()
                    + " for user-provided API keys; set CREDS_KEY or make its folder writable", e);
        }
    }

    private static SecretKey read(Path file) throws IOException {
        if (isPosix()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            permissions.retainAll(EnumSet.complementOf(EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE)));
            if (!permissions.isEmpty()) {
                log.warn("The key file {} can be read by other users; restrict it to its owner (chmod 600)",
                        file.toAbsolutePath());
            }
        }
        SecretKey key = parse(Files.readString(file, StandardCharsets.US_ASCII), "The key file " + file.toAbsolutePath());
        log.info("CREDS_KEY is not set: user-provided API keys are encrypted with the key in {}", file.toAbsolutePath());
        return key;
    }

    private static FileAttribute<?>[] ownerOnly() {
        return isPosix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
