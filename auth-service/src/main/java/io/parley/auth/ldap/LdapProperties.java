package io.parley.auth.ldap;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * LibreChat's {@code LDAP_*} settings as signing in needs them, bound in application.yml. The public
 * flags read the same keys through {@link io.parley.auth.SignInProperties.Ldap}. A blank value counts
 * as unset, as in LibreChat. The bind password never appears in {@link #toString()}.
 *
 * @param url                   {@code LDAP_URL}: {@code ldap://host[:port]} or {@code ldaps://host[:port]}
 * @param userSearchBase        {@code LDAP_USER_SEARCH_BASE}: where people are searched (whole subtree)
 * @param bindDn                {@code LDAP_BIND_DN}: the service account that searches; blank searches anonymously
 * @param bindCredentials       {@code LDAP_BIND_CREDENTIALS}: its password
 * @param searchFilter          {@code LDAP_SEARCH_FILTER}, default {@code mail={{username}}}
 * @param caCertPath            {@code LDAP_CA_CERT_PATH}: PEM certificate(s), then the only trust anchors for TLS
 * @param tlsRejectUnauthorized {@code LDAP_TLS_REJECT_UNAUTHORIZED}: only {@code false} turns certificate and
 *                              host name checks off
 * @param starttls              {@code LDAP_STARTTLS}: {@code true} upgrades {@code ldap://} connections before binding
 * @param id                    {@code LDAP_ID}: the attribute that identifies a person for good
 * @param username              {@code LDAP_USERNAME}
 * @param email                 {@code LDAP_EMAIL}
 * @param fullName              {@code LDAP_FULL_NAME}: attribute names, comma-separated, joined with spaces
 * @param connectTimeout        {@code LDAP_CONNECT_TIMEOUT} (a Parley addition): opening a connection, and
 *                              waiting for a free one
 * @param responseTimeout       {@code LDAP_RESPONSE_TIMEOUT} (a Parley addition): each operation
 */
@ConfigurationProperties("parley.auth.sign-in.ldap")
public record LdapProperties(@DefaultValue("") String url, @DefaultValue("") String userSearchBase,
                             @DefaultValue("") String bindDn, @DefaultValue("") String bindCredentials,
                             @DefaultValue("") String searchFilter, @DefaultValue("") String caCertPath,
                             @DefaultValue("") String tlsRejectUnauthorized, @DefaultValue("") String starttls,
                             @DefaultValue("") String id, @DefaultValue("") String username,
                             @DefaultValue("") String email, @DefaultValue("") String fullName,
                             @DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration responseTimeout) {

    /** LibreChat's default filter. */
    static final String DEFAULT_SEARCH_FILTER = "mail={{username}}";

    /** LibreChat enables LDAP when both are set. */
    public boolean configured() {
        return set(url) && set(userSearchBase);
    }

    String searchFilterOrDefault() {
        return set(searchFilter) ? searchFilter.trim() : DEFAULT_SEARCH_FILTER;
    }

    /**
     * Certificates are checked unless the operator says {@code false} in so many words. (LibreChat
     * reads an unset value as "do not check" once a CA file is given; an opt-out must be explicit.)
     */
    boolean verifiesCertificates() {
        return !"false".equals(tlsRejectUnauthorized.trim().toLowerCase(Locale.ROOT));
    }

    /** LibreChat's {@code isEnabled}: the word {@code true}, in any case. */
    boolean startsTls() {
        return "true".equals(starttls.trim().toLowerCase(Locale.ROOT));
    }

    static boolean set(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "LdapProperties[url=" + url + ", userSearchBase=" + userSearchBase + ", bindDn=" + bindDn
                + ", searchFilter=" + searchFilterOrDefault() + ", caCertPath=" + caCertPath
                + ", verifiesCertificates=" + verifiesCertificates() + ", starttls=" + startsTls() + "]";
    }
}
