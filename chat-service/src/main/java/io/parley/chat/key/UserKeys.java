package io.parley.chat.key;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;
import tools.jackson.databind.json.JsonMapper;

/**
 * Users' own API keys for endpoints configured as {@code user_provided} (LibreChat's
 * {@code api/server/services/UserService.js}), encrypted at rest, scoped by tenant and user. Chat
 * turns call {@link #require}; the web API only writes keys and reports their expiry, never a value.
 * An endpoint name that breaks {@link KeyName}, or a request that breaks its constraints, is refused with a
 * {@link jakarta.validation.ConstraintViolationException} before anything is read or written.
 */
@Component
@Validated
public class UserKeys {

    static final int MAX_NAME = 256;
    static final int MAX_VALUE_BYTES = 16 * 1024;
    /** LibreChat's {@code ErrorTypes.NO_USER_KEY} and {@code ErrorTypes.EXPIRED_USER_KEY}. */
    static final String NO_USER_KEY = "no_user_key";
    static final String EXPIRED_USER_KEY = "expired_user_key";

    private static final Logger log = LoggerFactory.getLogger(UserKeys.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** JavaScript's {@code Date.toISOString()}, which LibreChat's client parses. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final UserKeyStore keys;
    private final UserKeyCipher cipher;
    private final Clock clock;

    @Autowired
    UserKeys(UserKeyStore keys, UserKeyCipher cipher) {
        this(keys, cipher, Clock.systemUTC());
    }

    UserKeys(UserKeyStore keys, UserKeyCipher cipher, Clock clock) {
        this.keys = keys;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** LibreChat's error bodies for a turn without a usable key, sent as the error's message. */
    private record NoUserKey(String type) {
    }

    private record ExpiredUserKey(String type, String expiredAt, String endpoint) {
    }

    /**
     * The caller's key for the endpoint {@code name}, decrypted, expired or not.
     *
     * @return empty when there is none, or when the stored value does not decrypt (another
     *         {@code CREDS_KEY}, or a value altered or moved between rows); the latter is logged
     */
    public Optional<UserKey> find(CurrentUser user, @KeyName String name) {
        return keys.find(user.tenantId(), user.id(), name).flatMap(row -> {
            try {
                return Optional.of(new UserKey(cipher.open(row.sealed(), user.tenantId(), user.id(), name), row.expiresAt()));
            } catch (UserKeyCipher.Unreadable e) {
                log.warn("A stored user key does not decrypt (another CREDS_KEY, or the value was altered or moved);"
                        + " treated as no key tenant_id={} user_id={} endpoint={}", user.tenantId(), user.id(), name);
                return Optional.empty();
            }
        });
    }

    /**
     * The caller's usable key for the endpoint {@code name}, for a chat turn.
     *
     * @throws ApiException.Invalid with LibreChat's error text: {@code {"type":"no_user_key"}} when
     *         there is none, {@code {"type":"expired_user_key","expiredAt":…,"endpoint":…}} when it expired
     */
    public String require(CurrentUser user, @KeyName String name) {
        UserKey key = find(user, name).orElseThrow(UserKeys::noUserKey);
        if (key.expiredAt(clock.instant())) {
            throw expiredUserKey(name, key.expiresAt());
        }
        return key.value();
    }

    /** LibreChat's error for a turn on a {@code user_provided} endpoint without a key. */
    public static ApiException.Invalid noUserKey() {
        return new ApiException.Invalid(JSON.writeValueAsString(new NoUserKey(NO_USER_KEY)));
    }

    /** LibreChat's error for a turn with an expired key; LibreChat formats {@code expiredAt} for its locale, we send ISO. */
    public static ApiException.Invalid expiredUserKey(String endpoint, Instant expiredAt) {
        return new ApiException.Invalid(JSON.writeValueAsString(new ExpiredUserKey(EXPIRED_USER_KEY, iso(expiredAt), endpoint)));
    }

    /** Every key of the user (their own deletion of all keys, the erasure of their account); returns how many there were. */
    public long deleteAll(String tenantId, String userId) {
        return keys.deleteAll(tenantId, userId);
    }

    /**
     * Creates or replaces the caller's key for {@code request.name()}; nothing is written unless every
     * check passes.
     *
     * @throws ApiException.Invalid when {@code expiresAt} is not a date or not in the future
     */
    void save(CurrentUser user, @Valid UserKeyRequest request) {
        Instant now = clock.instant();
        Instant expiresAt = expiry(request.expiresAt(), now);
        String name = request.name();
        keys.upsert(user.tenantId(), user.id(), name, cipher.seal(request.value(), user.tenantId(), user.id(), name),
                expiresAt, now);
    }

    /**
     * LibreChat's {@code getUserKeyExpiry}: the ISO expiry, {@code "never"}, or null when there is no
     * key. An expired key that is still stored reports its past expiry, as LibreChat does until its
     * TTL index removes the row.
     */
    @Nullable String expiresAt(CurrentUser user, @KeyName @Nullable String name) {
        return keys.find(user.tenantId(), user.id(), name)
                .map(row -> row.expiresAt() == null ? "never" : iso(row.expiresAt()))
                .orElse(null);
    }

    void delete(CurrentUser user, @KeyName String name) {
        keys.delete(user.tenantId(), user.id(), name);
    }

    /**
     * Null for never. LibreChat's client sends {@code ""} for "never" (its server tests {@code if (expiresAt)}),
     * so an empty string means never too.
     */
    private static @Nullable Instant expiry(@Nullable String given, Instant now) {
        if (given == null || given.isEmpty()) {
            return null;
        }
        Instant at = parse(given.strip());
        if (at == null || at.isAfter(LATEST)) {
            throw ApiException.Invalid.field("expiresAt", "must be an ISO-8601 date such as 2030-01-31T12:00:00.000Z");
        }
        if (!at.isAfter(now)) {
            throw ApiException.Invalid.field("expiresAt", "must be in the future");
        }
        return at;
    }

    private static @Nullable Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant(); // as JavaScript's new Date("2030-01-31")
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    static String iso(Instant at) {
        return ISO.format(at);
    }
}
