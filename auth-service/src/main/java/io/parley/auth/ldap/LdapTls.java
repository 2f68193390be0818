package io.parley.auth.ldap;

import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.io.File;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS towards the directory, for {@code ldaps://} and StartTLS alike. Trust: the certificates of
 * {@code LDAP_CA_CERT_PATH} alone when it is set (as Node's {@code ca} option replaces the default
 * authorities), else the JVM's authorities; the server's certificate must also name the host of
 * {@code LDAP_URL}. {@code LDAP_TLS_REJECT_UNAUTHORIZED=false} drops both checks.
 */
final class LdapTls {

    private final SSLUtil ssl;
    private final boolean verifies;

    /** @throws IllegalStateException when the CA file cannot be read as PEM certificates */
    LdapTls(LdapProperties properties) {
        this.verifies = properties.verifiesCertificates();
        if (!verifies) {
            ssl = new SSLUtil(new TrustAllTrustManager());
        } else if (LdapProperties.set(properties.caCertPath())) {
            File file = new File(properties.caCertPath().trim());
            try {
                ssl = new SSLUtil(new PEMFileTrustManager(file));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new IllegalStateException("LDAP_CA_CERT_PATH cannot be read as PEM certificates: " + file, e);
            }
        } else {
            ssl = new SSLUtil(JVMDefaultTrustManager.getInstance());
        }
    }

    SSLSocketFactory socketFactory() {
        try {
            return ssl.createSSLSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No TLS context for LDAP", e);
        }
    }

    /** Checks the certificate's names against the host connected to, unless checks are off. */
    SSLSocketVerifier hostNameCheck() {
        return verifies ? new HostNameSSLSocketVerifier(true) : null;
    }
}
