package io.parley.auth.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * UnboundID's in-memory directory on 127.0.0.1 with the people of {@code ldap/people.ldif}: one
 * plain listener that offers StartTLS and one LDAPS listener, both with a certificate made for the
 * test (its PEM is {@link #caCertificate()}). Every simple bind it receives is recorded.
 */
final class TestDirectory implements AutoCloseable {

    static final String PEOPLE = "ou=people,dc=example,dc=org";
    static final String SERVICE_DN = "cn=parley,ou=services,dc=example,dc=org";
    static final String SERVICE_PASSWORD = "service-secret";
    private static final String KEYSTORE_PASSWORD = "test-keystore";

    /** One simple bind the server received. */
    record Bind(String dn, boolean emptyPassword) {
    }

    private static TestDirectory shared;

    private final InMemoryDirectoryServer server;
    private final Path caCertificate;
    private final List<Bind> binds = new CopyOnWriteArrayList<>();

    /** One directory for the whole test run; its fixed ports survive {@link #stopListening()}. */
    static synchronized TestDirectory shared() {
        if (shared == null) {
            shared = start("localhost", "127.0.0.1");
        }
        return shared;
    }

    /** A directory whose certificate names {@code dnsName} and {@code ipAddress}. */
    static TestDirectory start(String dnsName, String ipAddress) {
        try {
            return new TestDirectory(dnsName, ipAddress);
        } catch (Exception e) {
            throw new IllegalStateException("The test directory did not start", e);
        }
    }

    private TestDirectory(String dnsName, String ipAddress) throws Exception {
        Path dir = Files.createTempDirectory("parley-ldap");
        Path keyStore = dir.resolve("server.p12");
        caCertificate = dir.resolve("ca.pem");
        certificates("generate-self-signed-certificate", "--keystore", keyStore.toString(), "--keystore-password",
                KEYSTORE_PASSWORD, "--keystore-type", "PKCS12", "--alias", "server-cert", "--subject-dn", "CN=" + dnsName,
                "--subject-alternative-name-dns", dnsName, "--subject-alternative-name-ip-address", ipAddress,
                "--days-valid", "2", "--key-algorithm", "EC", "--key-size-bits", "256", "--signature-algorithm",
                "SHA256withECDSA");
        certificates("export-certificate", "--keystore", keyStore.toString(), "--keystore-password", KEYSTORE_PASSWORD,
                "--alias", "server-cert", "--output-format", "PEM", "--output-file", caCertificate.toString());
        SSLUtil serverTls = new SSLUtil(new KeyStoreKeyManager(keyStore.toFile(), KEYSTORE_PASSWORD.toCharArray(),
                "PKCS12", "server-cert"), new TrustAllTrustManager());

        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=org");
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPConfig("ldap", loopback, freePort(), serverTls.createSSLSocketFactory()),
                InMemoryListenerConfig.createLDAPSConfig("ldaps", loopback, freePort(),
                        serverTls.createSSLServerSocketFactory(), null));
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) {
                binds.add(new Bind(request.getRequest().getBindDN(), request.getRequest().getPassword().getValueLength() == 0));
            }
        });
        server = new InMemoryDirectoryServer(config);
        try (InputStream ldif = TestDirectory.class.getResourceAsStream("/ldap/people.ldif")) {
            server.importFromLDIF(true, new LDIFReader(ldif));
        }
        server.startListening();
    }

    private static void certificates(String... args) {
        ResultCode result = ManageCertificates.main(null, OutputStream.nullOutputStream(), OutputStream.nullOutputStream(),
                args);
        if (result != ResultCode.SUCCESS) {
            throw new IllegalStateException("manage-certificates " + args[0] + " failed: " + result);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * By host name, as {@link #ldapsUrl()}: UnboundID's host name check accepts any certificate for
     * a numeric loopback address, so only a name puts the certificate's names to the test.
     */
    String ldapUrl() {
        return "ldap://localhost:" + server.getListenPort("ldap");
    }

    String ldapsUrl() {
        return "ldaps://localhost:" + server.getListenPort("ldaps");
    }

    Path caCertificate() {
        return caCertificate;
    }

    InMemoryDirectoryServer server() {
        return server;
    }

    /** The simple binds received so far with this DN. */
    List<Bind> bindsAs(String dn) {
        return binds.stream().filter(b -> b.dn().equalsIgnoreCase(dn)).toList();
    }

    /** Closes the listeners and every open connection, as a directory going down does. */
    void stopListening() {
        server.shutDown(true);
    }

    void startListening() throws LDAPException {
        server.startListening();
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
