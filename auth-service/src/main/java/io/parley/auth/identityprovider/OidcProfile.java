package io.parley.auth.identityprovider;

import java.util.Locale;
import java.util.Map;

/** The person an OpenID Connect provider's claims describe, read as LibreChat's OpenID strategy reads them. */
public final class OidcProfile {

    private OidcProfile() {
    }

    /**
     * @param usernameClaim a claim to take the username from; blank: preferred_username, username, e-mail
     * @param nameClaim     a claim to take the name from; blank: name, else given and family name
     */
    public static ExternalIdentity identity(String provider, String subject, Map<String, Object> claims, String usernameClaim,
                                     String nameClaim, ProviderTokens tokens) {
        String email = text(claims, "email");
        String username = usernameClaim.isBlank()
                ? first(text(claims, "preferred_username"), text(claims, "username"), email)
                : text(claims, usernameClaim);
        String given = text(claims, "given_name");
        String family = text(claims, "family_name");
        String fullName = given == null && family == null ? null
                : ((given == null ? "" : given) + " " + (family == null ? "" : family)).trim();
        String name = nameClaim.isBlank() ? first(text(claims, "name"), fullName, username) : text(claims, nameClaim);
        String picture = text(claims, "picture");
        return new ExternalIdentity(provider, subject, email == null ? null : email.trim().toLowerCase(Locale.ROOT),
                flag(claims, "email_verified"), name, username,
                picture != null && (picture.startsWith("https://") || picture.startsWith("http://")) ? picture : null,
                tokens);
    }

    static String text(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value instanceof String s) {
            return s.isBlank() ? null : s;
        }
        return value instanceof Number n ? n.toString() : null;
    }

    /** A boolean claim; some providers send "true" as a string. */
    static boolean flag(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        return Boolean.TRUE.equals(value) || value instanceof String s && "true".equalsIgnoreCase(s);
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
