package io.parley.auth.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import org.junit.jupiter.api.Test;

class DirectoryProfileTest {

    private static final LdapProperties DEFAULTS = LdapSettings.of();

    @Test
    void defaultsTakeUidCnAndMail() {
        Entry entry = new Entry("uid=ada,ou=people,dc=example,dc=org", new Attribute("uid", "Ada"),
                new Attribute("cn", "Ada Lovelace"), new Attribute("givenName", "Ada"), new Attribute("mail", "Ada@Example.org"));

        assertThat(DirectoryProfile.of(entry, DEFAULTS))
                .isEqualTo(new DirectoryProfile("Ada", "Ada Lovelace", "ada", "ada@example.org"));
    }

    @Test
    void activeDirectoryEntriesFallBackToSamAccountNameAndDisplayName() {
        Entry entry = new Entry("CN=Bob,OU=Staff,DC=corp,DC=example", new Attribute("sAMAccountName", "bob"),
                new Attribute("displayName", "Bob Builder"), new Attribute("mail", "bob@corp.example"));

        assertThat(DirectoryProfile.of(entry, DEFAULTS))
                .isEqualTo(new DirectoryProfile("bob", "Bob Builder", "bob", "bob@corp.example"));
    }

    @Test
    void configuredAttributesComeFirstAndFullNameJoinsSeveral() {
        LdapProperties configured = LdapSettings.of("id", "employeeNumber", "username", "cn", "email",
                "userPrincipalName", "full-name", "givenName, sn");
        Entry entry = new Entry("uid=ada,dc=example,dc=org", new Attribute("uid", "ada"), new Attribute("employeeNumber", "1815"),
                new Attribute("cn", "Countess"), new Attribute("givenName", "Ada"), new Attribute("sn", "Lovelace"),
                new Attribute("mail", "ada@example.org"), new Attribute("userPrincipalName", "ada@corp.example"));

        assertThat(DirectoryProfile.of(entry, configured))
                .isEqualTo(new DirectoryProfile("1815", "Ada Lovelace", "countess", "ada@corp.example"));
        assertThat(DirectoryProfile.attributesToRead(configured)).contains("employeeNumber", "userPrincipalName", "sn", "uid");
    }

    @Test
    void withoutMailTheAddressIsLibreChatsLdapLocalOne() {
        Entry entry = new Entry("uid=nomail,dc=example,dc=org", new Attribute("uid", "nomail"), new Attribute("cn", "No Mail"));

        assertThat(DirectoryProfile.of(entry, DEFAULTS).email()).isEqualTo("nomail@ldap.local");
    }

    @Test
    void aBinaryIdSuchAsObjectGuidIsWrittenAsHex() {
        LdapProperties guid = LdapSettings.of("id", "objectGUID");
        Entry entry = new Entry("CN=Bob,DC=corp,DC=example", new Attribute("objectGUID", new byte[] {0x00, (byte) 0xff, 0x10}),
                new Attribute("sAMAccountName", "bob"));

        assertThat(DirectoryProfile.of(entry, guid).ldapId()).isEqualTo("hex:00ff10");
    }
}
