package io.parley.mcp.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.common.error.ApiException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutboundGuardTest {

    private final OutboundGuard strict = guard();

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/mcp", "http://127.8.9.10:3001/", "http://[::1]/mcp", "http://0.0.0.0/",
            "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
            "http://100.100.100.200/", "http://100.64.0.1/", "http://[fd00:ec2::254]/", "http://[fc00::1]/",
            "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:169.254.169.254]/", "http://224.0.0.1/",
            "https://localhost:8443/mcp", "ws://localhost/"})
    void refusesInternalAddressesAndNamesThatResolveToThem(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(ApiException.Invalid.class)
                .extracting(e -> ((ApiException) e).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/", "gopher://x/", "http://", "not a url",
            "http://user:pass@93.184.216.34/", "javascript:alert(1)", ""})
    void refusesOtherSchemesCredentialsAndGarbage(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(ApiException.Invalid.class);
    }

    @Test
    void letsPublicAddressesThrough() {
        assertThat(strict.check("https://93.184.216.34/mcp").getHost()).isEqualTo("93.184.216.34");
        assertThat(strict.check("http://[2606:4700:4700::1111]/mcp")).isNotNull();
    }

    @Test
    void allowedDomainsOpenExactlyTheNamedHosts() {
        OutboundGuard open = guard("127.0.0.1", "*.internal.example");
        assertThat(open.check("http://127.0.0.1:3001/mcp")).isNotNull();
        assertThat(open.check("http://mcp.internal.example/")).isNotNull(); // not even resolved
        assertThatThrownBy(() -> open.check("http://localhost:3001/mcp")).isInstanceOf(ApiException.Invalid.class);
        assertThatThrownBy(() -> open.check("http://127.0.0.2/")).isInstanceOf(ApiException.Invalid.class);
    }

    private static OutboundGuard guard(String... allowed) {
        return new OutboundGuard(new GuardSettings(List.of(allowed)));
    }
}
