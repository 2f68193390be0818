package io.parley.common.edge;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the gateway vouches for on each request it forwards: the tenant and the client's address, at
 * a time. A service believes {@code X-Parley-Tenant} and {@code X-Parley-Client-Ip} only with a valid
 * assertion, so reaching a service's port directly gives no way to pick a tenant or an address.
 *
 * <p>The header is {@code <key id>.<epoch seconds>.<HMAC-SHA256>}: a MAC under a key the gateway and
 * the services share (a microsecond, where a signature would cost a hop what token checks used to),
 * over the time, the tenant and the address. The key id (the start of the key's SHA-256) lets a
 * service accept the previous key while a new one is rolled out. An assertion is good for
 * {@link #MAX_AGE} either side of the service's clock.
 */
public final class EdgeAssertion {

    public static final Duration MAX_AGE = Duration.ofSeconds(60);

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Key signing;
    private final List<Key> accepted;

    /** @param previous a key still accepted while a new one is rolled out; null for none */
    public EdgeAssertion(SecretKey current, SecretKey previous) {
        this.signing = new Key(current);
        this.accepted = previous == null ? List.of(signing) : List.of(signing, new Key(previous));
    }

    /** The header value for a request of {@code tenant} from {@code clientIp} (either may be empty), made at {@code epochSecond}. */
    public String sign(String tenant, String clientIp, long epochSecond) {
        return signing.id + "." + epochSecond + "." + B64.encodeToString(signing.mac(epochSecond, tenant, clientIp));
    }

    /** Whether {@code header} vouches for exactly this tenant and address, at most {@link #MAX_AGE} away from {@code nowEpochSecond}. */
    public boolean verify(String header, String tenant, String clientIp, long nowEpochSecond) {
        if (header == null) {
            return false;
        }
        int first = header.indexOf('.');
        int second = first < 0 ? -1 : header.indexOf('.', first + 1);
        if (second < 0) {
            return false;
        }
        long at;
        try {
            at = Long.parseLong(header, first + 1, second, 10);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowEpochSecond - at) > MAX_AGE.toSeconds()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(header.substring(second + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        String keyId = header.substring(0, first);
        for (Key key : accepted) {
            if (key.id.equals(keyId)) {
                return MessageDigest.isEqual(key.mac(at, tenant, clientIp), given);
            }
        }
        return false;
    }

    private static final class Key {

        private final String id;
        private final Mac prototype;

        Key(SecretKey key) {
            try {
                byte[] raw = key.getEncoded();
                this.id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 4);
                this.prototype = Mac.getInstance(ALGORITHM);
                prototype.init(new SecretKeySpec(raw, ALGORITHM));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        }

        byte[] mac(long epochSecond, String tenant, String clientIp) {
            try {
                Mac mac = (Mac) prototype.clone();
                String text = epochSecond + "\n" + (tenant == null ? "" : tenant) + "\n" + (clientIp == null ? "" : clientIp);
                return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

}
