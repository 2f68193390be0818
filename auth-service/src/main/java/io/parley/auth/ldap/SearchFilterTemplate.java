package io.parley.auth.ldap;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * {@code LDAP_SEARCH_FILTER} with {@code {{username}}} standing for the login. The login goes in
 * escaped as an RFC 4515 assertion value ({@code *}, {@code (}, {@code )}, {@code \}, NUL and
 * non-ASCII bytes as {@code \hh}), so it can only ever be compared, never change the filter.
 */
final class SearchFilterTemplate {

    static final String PLACEHOLDER = "{{username}}";

    private final String template;

    /** @throws IllegalStateException when the template lacks the placeholder or is not a filter */
    SearchFilterTemplate(String template) {
        String trimmed = template.trim();
        if (!trimmed.contains(PLACEHOLDER)) {
            throw new IllegalStateException("LDAP_SEARCH_FILTER must contain " + PLACEHOLDER + ": " + template);
        }
        // LibreChat's default is written without parentheses; RFC 4515 wants them.
        this.template = trimmed.startsWith("(") ? trimmed : "(" + trimmed + ")";
        try {
            Filter.create(this.template.replace(PLACEHOLDER, "probe"));
        } catch (LDAPException e) {
            throw new IllegalStateException("LDAP_SEARCH_FILTER is not an LDAP filter: " + template, e);
        }
    }

    Filter forLogin(String login) {
        try {
            return Filter.create(template.replace(PLACEHOLDER, Filter.encodeValue(login)));
        } catch (LDAPException e) {
            // cannot happen: the template parsed, and an encoded value is always a valid assertion value
            throw new IllegalStateException("LDAP filter could not be built", e);
        }
    }

    @Override
    public String toString() {
        return template;
    }
}
