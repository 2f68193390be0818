package io.parley.auth.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.unboundid.ldap.sdk.SearchResultEntry;
import io.parley.common.error.ApiException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The directory client against UnboundID's in-memory server: search, bind, TLS and failures. */
class LdapDirectoryTest {

    private static final TestDirectory LDAP = TestDirectory.shared();
    private static final String ADA = "uid=ada," + TestDirectory.PEOPLE;
    private static final String ADA_PASSWORD = "Analytical-Engine-1";

    @Test
    void findsThePersonByMailWithLibreChatsDefaultFilter() {
        try (Directory directory = new Directory(LdapSettings.directory(LDAP.ldapUrl()))) {
            Optional<SearchResultEntry> entry = directory.client.authenticate("ada@example.org", ADA_PASSWORD);

            assertThat(entry).hasValueSatisfying(e -> assertThat(e.getAttributeValue("uid")).isEqualTo("ada"));
        }
    }

    @Test
    void aWrongPasswordAnUnknownLoginAndAnAmbiguousOneAreAllRefusedAlike() {
        try (Directory directory = new Directory(LdapSettings.directory(LDAP.ldapUrl()))) {
            assertThat(directory.client.authenticate("ada@example.org", "wrong-password")).isEmpty();
            assertThat(directory.client.authenticate("nobody@example.org", ADA_PASSWORD)).isEmpty();
            assertThat(directory.client.authenticate("twins@example.org", "Twin-Password-4")).isEmpty();
        }
    }

    @Test
    void aRefusedUnknownOrAmbiguousLoginCostsTheBindRoundTripsOfAWrongPassword() {
        try (Directory directory = new Directory(LdapSettings.directory(LDAP.ldapUrl()))) {
            directory.client.authenticate("ada@example.org", ADA_PASSWORD);

            int wrongPassword = bindsDuring(() -> directory.client.authenticate("ada@example.org", "wrong-password"));
            int unknown = bindsDuring(() -> directory.client.authenticate("nobody@example.org", "wrong-password"));
            int ambiguous = bindsDuring(() -> directory.client.authenticate("twins@example.org", "wrong-password"));

            assertThat(wrongPassword).isPositive();
            assertThat(unknown).isEqualTo(wrongPassword);
            assertThat(ambiguous).isEqualTo(wrongPassword);
        }
    }

    @Test
    void anEmptyPasswordNeverReachesTheDirectoryAsABind() {
        try (Directory directory = new Directory(LdapSettings.directory(LDAP.ldapUrl()))) {
            int before = LDAP.bindsAs(ADA).size();

            assertThat(directory.client.authenticate("ada@example.org", "")).isEmpty();
            assertThat(directory.client.authenticate("ada@example.org", null)).isEmpty();
            assertThat(LDAP.bindsAs(ADA)).hasSize(before);
        }
    }

    @Test
    void filterMetacharactersInALoginMatchOnlyThemselves() {
        try (Directory directory = new Directory(LdapSettings.directory(LDAP.ldapUrl(), "search-filter", "uid={{username}}"))) {
            int adaBinds = LDAP.bindsAs(ADA).size();
            for (String attack : new String[] {"*", "a*", ")(uid=*", "ada)(|(uid=*", "*)(uid=ada", "\\", "ada\u0000", "\u0000"}) {
                assertThat(directory.client.authenticate(attack, ADA_PASSWORD)).as(attack).isEmpty();
            }
            assertThat(LDAP.bindsAs(ADA)).as("no attack found Ada's entry").hasSize(adaBinds);

            assertThat(directory.client.authenticate("o'neil*(ops)\\team", "Tricky-Name-3"))
                    .as("a real name made of the same characters").isPresent();
            assertThat(directory.client.authenticate("o'neil*", "Tricky-Name-3")).isEmpty();
        }
    }

    @Test
    void aMisconfiguredServiceAccountIsTheDirectorysFailureNotTheUsers() {
        try (Directory directory = new Directory(LdapSettings.directory(LDAP.ldapUrl(), "bind-credentials", "not-it"))) {
            assertThatThrownBy(() -> directory.client.authenticate("ada@example.org", ADA_PASSWORD))
                    .isInstanceOf(ApiException.Unavailable.class);
        }
    }

    @Test
    void aDirectoryThatNeverAnswersFailsWithinTheResponseTimeout() throws IOException {
        // Connections complete in the listen backlog, and no byte ever comes back.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             Directory directory = new Directory(LdapSettings.directory("ldap://127.0.0.1:" + silent.getLocalPort(),
                     "response-timeout", "300ms", "connect-timeout", "300ms"))) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                    assertThatThrownBy(() -> directory.client.authenticate("ada@example.org", ADA_PASSWORD))
                            .isInstanceOf(ApiException.Unavailable.class)
                            .hasMessage(LdapDirectory.UNAVAILABLE));
        }
    }

    @Test
    void aDirectoryThatIsNotListeningFailsAt503() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        try (Directory directory = new Directory(LdapSettings.directory("ldap://127.0.0.1:" + closedPort))) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                    assertThatThrownBy(() -> directory.client.authenticate("ada@example.org", ADA_PASSWORD))
                            .isInstanceOf(ApiException.Unavailable.class));
        }
    }

    @Test
    void startTlsTrustsTheOperatorsCaCertificate() {
        try (Directory directory = new Directory(LdapSettings.directory(LDAP.ldapUrl(), "starttls", "true",
                "ca-cert-path", LDAP.caCertificate().toString()))) {
            assertThat(directory.client.authenticate("ada@example.org", ADA_PASSWORD)).isPresent();
        }
    }

    @Test
    void startTlsRefusesACertificateNoTrustedAuthoritySigned() {
        try (Directory directory = new Directory(LdapSettings.directory(LDAP.ldapUrl(), "starttls", "true"))) {
            assertThatThrownBy(() -> directory.client.authenticate("ada@example.org", ADA_PASSWORD))
                    .isInstanceOf(ApiException.Unavailable.class);
        }
    }

    @Test
    void ldapsTrustsTheOperatorsCaCertificate() {
        try (Directory directory = new Directory(LdapSettings.directory(LDAP.ldapsUrl(),
                "ca-cert-path", LDAP.caCertificate().toString()))) {
            assertThat(directory.client.authenticate("ada@example.org", ADA_PASSWORD)).isPresent();
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefusedUnlessChecksAreExplicitlyOff() {
        try (TestDirectory elsewhere = TestDirectory.start("elsewhere.example", "192.0.2.7")) {
            String ca = elsewhere.caCertificate().toString();
            try (Directory checked = new Directory(LdapSettings.directory(elsewhere.ldapsUrl(), "ca-cert-path", ca));
                 Directory checkedStartTls = new Directory(LdapSettings.directory(elsewhere.ldapUrl(), "starttls", "true",
                         "ca-cert-path", ca));
                 Directory unchecked = new Directory(LdapSettings.directory(elsewhere.ldapsUrl(),
                         "tls-reject-unauthorized", "false"))) {
                assertThatThrownBy(() -> checked.client.authenticate("ada@example.org", ADA_PASSWORD))
                        .isInstanceOf(ApiException.Unavailable.class);
                assertThatThrownBy(() -> checkedStartTls.client.authenticate("ada@example.org", ADA_PASSWORD))
                        .isInstanceOf(ApiException.Unavailable.class);
                assertThat(unchecked.client.authenticate("ada@example.org", ADA_PASSWORD)).isPresent();
            }
        }
    }

    @Test
    void settingsThatCannotWorkStopStartUp() {
        assertThatThrownBy(() -> new LdapDirectory(LdapSettings.directory("http://127.0.0.1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("LDAP_URL");
        assertThatThrownBy(() -> new LdapDirectory(LdapSettings.directory(LDAP.ldapUrl(), "search-filter", "uid=admin")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("LDAP_SEARCH_FILTER");
        assertThatThrownBy(() -> new LdapDirectory(LdapSettings.directory(LDAP.ldapsUrl(), "ca-cert-path", "/nonexistent.pem")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("LDAP_CA_CERT_PATH");
    }

    private static int bindsDuring(Supplier<Optional<SearchResultEntry>> login) {
        int before = LDAP.bindsAs(TestDirectory.SERVICE_DN).size() + LDAP.bindsAs(ADA).size()
                + LDAP.bindsAs("uid=twin1," + TestDirectory.PEOPLE).size();
        login.get();
        return LDAP.bindsAs(TestDirectory.SERVICE_DN).size() + LDAP.bindsAs(ADA).size()
                + LDAP.bindsAs("uid=twin1," + TestDirectory.PEOPLE).size() - before;
    }

    /** A directory client that closes its pool. */
    private static final class Directory implements AutoCloseable {
        final LdapDirectory client;

        Directory(LdapProperties properties) {
            this.client = new LdapDirectory(properties);
        }

        @Override
        public void close() {
            client.destroy();
        }
    }
}
