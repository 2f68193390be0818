package io.parley.auth.ldap;

import com.unboundid.ldap.sdk.Entry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an account takes from a person's directory entry, by LibreChat's attribute rules (its
 * {@code ldapStrategy}), each configured attribute first:
 * <ul>
 * <li>id ({@code LDAP_ID}): {@code uid}, {@code sAMAccountName}, {@code mail}, else the entry's DN;
 *     a binary value such as {@code objectGUID} as hex</li>
 * <li>name ({@code LDAP_FULL_NAME}, its attributes joined with spaces): {@code cn}, {@code displayName},
 *     else the username</li>
 * <li>username ({@code LDAP_USERNAME}): {@code uid}, {@code sAMAccountName}, then LibreChat's
 *     {@code givenName}, {@code mail}; lower-case as LibreChat stores it</li>
 * <li>e-mail ({@code LDAP_EMAIL}): {@code mail}, else LibreChat's {@code <username>@ldap.local}; lower-case</li>
 * </ul>
 */
record DirectoryProfile(String ldapId, String name, String username, String email) {

    private static final List<String> READ_ALWAYS = List.of("uid", "sAMAccountName", "mail", "cn", "displayName",
            "givenName");

    /** The attributes the search asks for. */
    static String[] attributesToRead(LdapProperties properties) {
        Set<String> names = new LinkedHashSet<>(READ_ALWAYS);
        for (String configured : List.of(properties.id(), properties.username(), properties.email())) {
            if (LdapProperties.set(configured)) {
                names.add(configured.trim());
            }
        }
        names.addAll(fullNameAttributes(properties));
        return names.toArray(String[]::new);
    }

    static DirectoryProfile of(Entry entry, LdapProperties properties) {
        String ldapId = first(id(entry, properties.id()), id(entry, "uid"), id(entry, "sAMAccountName"),
                id(entry, "mail"), entry.getDN());
        String username = lower(first(text(entry, properties.username()), text(entry, "uid"),
                text(entry, "sAMAccountName"), text(entry, "givenName"), text(entry, "mail"), ldapId));
        String email = lower(first(text(entry, properties.email()), text(entry, "mail"), username + "@ldap.local"));
        String name = first(fullName(entry, properties), text(entry, "cn"), text(entry, "displayName"), username);
        return new DirectoryProfile(ldapId, name, username, email);
    }

    private static List<String> fullNameAttributes(LdapProperties properties) {
        if (!LdapProperties.set(properties.fullName())) {
            return List.of();
        }
        return Arrays.stream(properties.fullName().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String fullName(Entry entry, LdapProperties properties) {
        List<String> parts = new ArrayList<>();
        for (String attribute : fullNameAttributes(properties)) {
            String value = text(entry, attribute);
            if (value != null) {
                parts.add(value);
            }
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    /** The first value as text; null when absent, blank or not text. */
    private static String text(Entry entry, String attribute) {
        if (!LdapProperties.set(attribute)) {
            return null;
        }
        byte[] bytes = entry.getAttributeValueBytes(attribute.trim());
        String value = bytes == null ? null : utf8(bytes);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Like {@link #text}, but a binary value (objectGUID, objectSid) is written as hex. */
    private static String id(Entry entry, String attribute) {
        if (!LdapProperties.set(attribute)) {
            return null;
        }
        byte[] bytes = entry.getAttributeValueBytes(attribute.trim());
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        String value = utf8(bytes);
        return value == null ? "hex:" + HexFormat.of().formatHex(bytes) : value.isBlank() ? null : value.trim();
    }

    private static String utf8(byte[] bytes) {
        try {
            String value = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return value.chars().anyMatch(Character::isISOControl) ? null : value;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
