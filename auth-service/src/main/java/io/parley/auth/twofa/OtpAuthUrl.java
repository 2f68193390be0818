package io.parley.auth.twofa;

import java.nio.charset.StandardCharsets;

/**
 * The key URI an authenticator app enrols from, as LibreChat writes it:
 * {@code otpauth://totp/<issuer>:<email>?secret=<base32>&issuer=<issuer>}, the issuer being the app title
 * without white space. Label and issuer are percent-encoded beyond what LibreChat does (it writes them
 * raw), so that a title or address with reserved characters still reads back as written.
 */
final class OtpAuthUrl {

    private static final String DEFAULT_ISSUER = "LibreChat";

    private OtpAuthUrl() {
    }

    static String of(String appTitle, String email, String base32Secret) {
        String issuer = appTitle == null ? "" : appTitle.replaceAll("\\s+", "");
        String encodedIssuer = encode(issuer.isEmpty() ? DEFAULT_ISSUER : issuer);
        return "otpauth://totp/" + encodedIssuer + ":" + encode(email.replaceAll("\\s+", "")) + "?secret=" + base32Secret
                + "&issuer=" + encodedIssuer;
    }

    /** RFC 3986 unreserved characters and {@code @} stay; every other UTF-8 byte becomes {@code %XX}. */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~@".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
