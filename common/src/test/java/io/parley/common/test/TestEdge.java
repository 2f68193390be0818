package io.parley.common.test;

import io.parley.common.edge.EdgeHeaders;
import io.parley.common.crypto.SecretKeys;
import io.parley.common.edge.EdgeAssertion;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The gateway's part in tests that call a service directly: every process started in a test shares
 * {@link #KEY} (an environment post-processor of this test jar sets it wherever none is configured),
 * and {@link Http} adds an assertion over the tenant and address headers it sends, as the gateway would.
 */
public final class TestEdge implements EnvironmentPostProcessor {

    /** Only ever on a test classpath. */
    public static final String KEY = "7e57".repeat(16);
    private static final EdgeAssertion ASSERTIONS = new EdgeAssertion(SecretKeys.parse(KEY, "the test edge key"), null);

    /** The header value the gateway would send for this tenant and client address (null: header absent). */
    public static String assertion(String tenant, String clientIp) {
        return ASSERTIONS.sign(tenant, clientIp, System.currentTimeMillis() / 1000);
    }

    /** {@code headers} (name, value, …) with the gateway's assertion over the tenant and address among them. */
    public static String[] vouched(String... headers) {
        String tenant = null;
        String clientIp = null;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase(EdgeHeaders.TENANT)) {
                tenant = headers[i + 1];
            } else if (headers[i].equalsIgnoreCase(EdgeHeaders.CLIENT_IP)) {
                clientIp = headers[i + 1];
            } else if (headers[i].equalsIgnoreCase(EdgeHeaders.ASSERTION)) {
                return headers;
            }
        }
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = EdgeHeaders.ASSERTION;
        all[headers.length + 1] = assertion(tenant, clientIp);
        return all;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> key = new HashMap<>();
        key.put("parley.edge.key", KEY);
        // Last: a test that configures its own key keeps it.
        environment.getPropertySources().addLast(new MapPropertySource("parleyTestEdgeKey", key));
    }
}
