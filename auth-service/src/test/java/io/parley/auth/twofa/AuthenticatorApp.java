package io.parley.auth.twofa;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** What a phone's authenticator app does with an otpauth URL: read the secret, show the code of the moment. */
final class AuthenticatorApp {

    final String label;
    final String issuer;
    final String base32Secret;
    private final byte[] secret;

    private AuthenticatorApp(String label, String issuer, String base32Secret) {
        this.label = label;
        this.issuer = issuer;
        this.base32Secret = base32Secret;
        this.secret = base32Decode(base32Secret);
    }

    static AuthenticatorApp enrol(String otpauthUrl) {
        URI uri = URI.create(otpauthUrl);
        if (!"otpauth".equals(uri.getScheme()) || !"totp".equals(uri.getHost())) {
            throw new IllegalArgumentException("Not a TOTP key URI: " + otpauthUrl);
        }
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return new AuthenticatorApp(uri.getPath().substring(1), query.get("issuer"), query.get("secret"));
    }

    /** The code shown {@code stepsFromNow} time steps from now (0: now, 1: the next one). */
    String code(int stepsFromNow) {
        return Totp.STANDARD.code(secret, Totp.STANDARD.stepAt(Instant.now()) + stepsFromNow);
    }

    /** Six digits that are not the code of any step near now. */
    String wrongCode() {
        long now = Totp.STANDARD.stepAt(Instant.now());
        Set<String> near = LongStream.rangeClosed(now - 3, now + 3).mapToObj(s -> Totp.STANDARD.code(secret, s))
                .collect(Collectors.toSet());
        for (int candidate = 0; ; candidate++) {
            String code = String.format(Locale.ROOT, "%06d", candidate);
            if (!near.contains(code)) {
                return code;
            }
        }
    }

    byte[] secret() {
        return secret.clone();
    }

    /** RFC 4648 base32, as apps read it (no padding needed, case-insensitive). */
    static byte[] base32Decode(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toUpperCase(Locale.ROOT).replace("=", "").toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("Not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
