package io.parley.common.crypto;

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
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AES-256 keys from a setting (64 hexadecimal characters, as LibreChat's {@code CREDS_KEY}) or, when
 * the setting is unset, from a key file generated on first start and readable by its owner only. A
 * bad key stops the start-up; the key itself never appears in a message or log line.
 */
public final class SecretKeys {

    private static final Logger log = LoggerFactory.getLogger(SecretKeys.class);
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretKeys() {
    }

    /**
     * The key of {@code setting} when it is set, else the one in {@code file} (created on first use).
     *
     * @param value       the setting's value; blank for unset
     * @param settingName the environment name to mention in messages, e.g. {@code CREDS_KEY}
     * @param usedFor     what the key encrypts, for messages, e.g. "user-provided API keys"
     * @throws IllegalStateException when the value or the file does not hold a valid key
     */
    public static SecretKey fromSettingOrFile(String value, String settingName, Path file, String usedFor) {
        return value == null || value.isBlank() ? fromFile(file, settingName, usedFor) : parse(value, settingName);
    }

    /**
     * The key from its hexadecimal form.
     *
     * @param source what to name in the error (never the value itself)
     * @throws IllegalStateException when it is not 64 hexadecimal characters
     */
    public static SecretKey parse(String hex, String source) {
        String value = hex.strip();
        if (!HEX_64.matcher(value).matches()) {
            throw new IllegalStateException(source + " must be 64 hexadecimal characters (a 32-byte AES-256 key, e.g. from"
                    + " `openssl rand -hex 32`); the value given has " + value.length() + " characters"
                    + (value.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? "" : ", not all hexadecimal"));
        }
        return new SecretKeySpec(HexFormat.of().parseHex(value), "AES");
    }

    private static SecretKey fromFile(Path file, String settingName, String usedFor) {
        try {
            if (Files.exists(file)) {
                return read(file, settingName, usedFor);
            }
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            // Written whole under another name, then linked into place: processes starting together
            // (gateway and services share one key file) either create it or read a complete one.
            Path written = Files.createTempFile(dir == null ? Path.of(".") : dir, ".key-", ".tmp", ownerOnly());
            try {
                try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap((HexFormat.of().formatHex(raw) + "\n").getBytes(StandardCharsets.US_ASCII)));
                    channel.force(true);
                }
                Files.createLink(file, written);
            } catch (FileAlreadyExistsException raced) {
                return read(file, settingName, usedFor);
            } finally {
                Files.deleteIfExists(written);
            }
            log.info("{} is not set: generated a key for {} and saved it, readable by its owner only, in {}. Back it up"
                    + " with the database, or set {}: what it encrypted cannot be read without it.", settingName, usedFor,
                    file.toAbsolutePath(), settingName);
            return new SecretKeySpec(raw, "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key file " + file.toAbsolutePath() + " for "
                    + usedFor + "; set " + settingName + " or make its folder writable", e);
        }
    }

    private static SecretKey read(Path file, String settingName, String usedFor) throws IOException {
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
        log.info("{} is not set: {} are encrypted with the key in {}", settingName, usedFor, file.toAbsolutePath());
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
