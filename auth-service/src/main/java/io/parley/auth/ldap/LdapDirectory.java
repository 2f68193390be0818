package io.parley.auth.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import io.parley.common.error.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.SocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The LDAP server: finds the one entry a login names, searching as the service account, then binds
 * as that entry with the password given. Connections come from a pool with connect and response
 * timeouts and are opened when first needed, so a slow or unreachable server turns a login into a
 * 503 after the timeout, never a hang, and does not stop this service from starting.
 */
@Component
@Conditional(LdapConfigured.class)
class LdapDirectory implements DisposableBean {

    static final String UNAVAILABLE = "The sign-in directory cannot be reached. Please try again later.";

    private static final Logger log = LoggerFactory.getLogger(LdapDirectory.class);
    private static final int POOL_SIZE = 10;
    /** Bind answers that refuse this person or password; any other failure is the server's. */
    private static final Set<ResultCode> REFUSALS = Set.of(ResultCode.INVALID_CREDENTIALS,
            ResultCode.INAPPROPRIATE_AUTHENTICATION, ResultCode.CONSTRAINT_VIOLATION, ResultCode.UNWILLING_TO_PERFORM,
            ResultCode.INSUFFICIENT_ACCESS_RIGHTS, ResultCode.NO_SUCH_OBJECT, ResultCode.INVALID_DN_SYNTAX);

    private final LDAPConnectionPool pool;
    private final SimpleBindRequest serviceBind;
    private final String searchBase;
    private final SearchFilterTemplate filter;
    private final String[] attributes;
    private final int searchTimeLimitSeconds;

    /** @throws IllegalStateException when the settings cannot work (bad URL, filter or CA file) */
    LdapDirectory(LdapProperties properties) {
        this.searchBase = properties.userSearchBase().trim();
        this.filter = new SearchFilterTemplate(properties.searchFilterOrDefault());
        this.attributes = DirectoryProfile.attributesToRead(properties);
        this.searchTimeLimitSeconds = (int) Math.max(1, properties.responseTimeout().toSeconds());
        this.serviceBind = LdapProperties.set(properties.bindDn())
                ? new SimpleBindRequest(properties.bindDn().trim(), properties.bindCredentials())
                : new SimpleBindRequest();
        this.pool = pool(properties, serviceBind);
        log.info("LDAP sign-in configured: {}", properties);
    }

    private static LDAPConnectionPool pool(LdapProperties properties, SimpleBindRequest serviceBind) {
        LDAPURL url;
        try {
            url = new LDAPURL(properties.url().trim());
        } catch (LDAPException e) {
            throw new IllegalStateException("LDAP_URL is not an LDAP URL: " + properties.url(), e);
        }
        boolean ldaps = "ldaps".equalsIgnoreCase(url.getScheme());
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) properties.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(properties.responseTimeout().toMillis());
        options.setAbandonOnTimeout(true);
        SocketFactory sockets = SocketFactory.getDefault();
        PostConnectProcessor startTls = null;
        if (ldaps || properties.startsTls()) {
            LdapTls tls = new LdapTls(properties);
            if (tls.hostNameCheck() != null) {
                options.setSSLSocketVerifier(tls.hostNameCheck());
            }
            if (ldaps) {
                sockets = tls.socketFactory();
            } else {
                startTls = new StartTLSPostConnectProcessor(tls.socketFactory());
            }
        }
        SingleServerSet server = new SingleServerSet(url.getHost(), url.getPort(), sockets, options);
        try {
            // No connection yet: the first login opens one, so a directory that is down now does not stop start-up.
            LDAPConnectionPool pool = new LDAPConnectionPool(server, serviceBind.getBindDN().isEmpty() ? null : serviceBind,
                    0, POOL_SIZE, startTls, false);
            pool.setConnectionPoolName("ldap-sign-in");
            pool.setMaxWaitTimeMillis(properties.connectTimeout().toMillis());
            pool.setCreateIfNecessary(false);
            pool.setRetryFailedOperationsDueToInvalidConnections(true);
            pool.setMaxConnectionAgeMillis(10 * 60 * 1000L);
            return pool;
        } catch (LDAPException e) {
            throw new IllegalStateException("LDAP connection pool could not be made", e);
        }
    }

    /**
     * @return the person's entry when exactly one entry matches the login and the password binds as
     *         it; empty for a wrong password, no match or several matches alike
     * @throws ApiException.Unavailable when the directory does not answer or fails
     */
    Optional<SearchResultEntry> authenticate(String login, String password) {
        if (login == null || login.isBlank() || password == null || password.isEmpty()) {
            // An empty password would be an unauthenticated bind, which many servers let succeed.
            return Optional.empty();
        }
        List<SearchResultEntry> entries = search(login);
        if (entries.size() != 1) {
            bindAsService();
            return Optional.empty();
        }
        SearchResultEntry entry = entries.getFirst();
        try {
            pool.bindAndRevertAuthentication(new SimpleBindRequest(entry.getDN(), password));
            return Optional.of(entry);
        } catch (LDAPException e) {
            if (REFUSALS.contains(e.getResultCode())) {
                return Optional.empty();
            }
            throw unavailable("bind", e);
        }
    }

    private List<SearchResultEntry> search(String login) {
        // Two entries are enough to know the login is ambiguous.
        SearchRequest request = new SearchRequest(searchBase, SearchScope.SUB, DereferencePolicy.NEVER, 2,
                searchTimeLimitSeconds, false, filter.forLogin(login), attributes);
        try {
            return pool.search(request).getSearchEntries();
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                return e.getSearchEntries();
            }
            throw unavailable("search", e);
        }
    }

    /**
     * One bind round trip, as a wrong password costs, when no single entry matched: how long a
     * refusal takes must not tell whether the login exists. The service account's own bind cannot
     * lock anybody out.
     */
    private void bindAsService() {
        try {
            pool.bindAndRevertAuthentication((BindRequest) serviceBind.duplicate());
        } catch (LDAPException e) {
            log.debug("LDAP timing bind failed result={}", e.getResultCode());
        }
    }

    private static ApiException.Unavailable unavailable(String operation, LDAPException e) {
        log.warn("LDAP {} failed result={} diagnostic={}", operation, e.getResultCode(), e.getDiagnosticMessage());
        return new ApiException.Unavailable(UNAVAILABLE);
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
