package io.parley.common.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.crypto.SecretKeys;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class EdgeAssertionTest {

    private static final SecretKey OLD = SecretKeys.parse("0a".repeat(32), "old");
    private static final SecretKey NEW = SecretKeys.parse("0b".repeat(32), "new");
    private static final long NOW = 1_800_000_000L;

    private final EdgeAssertion gateway = new EdgeAssertion(NEW, null);

    @Test
    void anAssertionVouchesForExactlyItsTenantAndAddress() {
        String header = gateway.sign("acme", "203.0.113.7", NOW);

        assertThat(gateway.verify(header, "acme", "203.0.113.7", NOW)).isTrue();
        assertThat(gateway.verify(header, "evil", "203.0.113.7", NOW)).isFalse();
        assertThat(gateway.verify(header, "acme", "198.51.100.1", NOW)).isFalse();
        assertThat(gateway.verify(header, "acme", null, NOW)).isFalse();
        assertThat(gateway.verify(gateway.sign(null, null, NOW), null, null, NOW)).isTrue();
        assertThat(gateway.verify(gateway.sign(null, null, NOW), "default", null, NOW)).isFalse();
    }

    @Test
    void anAssertionIsGoodForAMinuteEitherSide() {
        String header = gateway.sign("acme", "10.0.0.1", NOW);

        assertThat(gateway.verify(header, "acme", "10.0.0.1", NOW + 60)).isTrue();
        assertThat(gateway.verify(header, "acme", "10.0.0.1", NOW - 60)).isTrue();
        assertThat(gateway.verify(header, "acme", "10.0.0.1", NOW + 61)).isFalse();
        assertThat(gateway.verify(header, "acme", "10.0.0.1", NOW - 61)).isFalse();
    }

    @Test
    void anotherKeyOrAnAlteredTimeOrMacIsRefused() {
        String header = gateway.sign("acme", "10.0.0.1", NOW);
        String[] parts = header.split("\\.");

        assertThat(new EdgeAssertion(OLD, null).verify(header, "acme", "10.0.0.1", NOW)).isFalse();
        assertThat(gateway.verify(parts[0] + "." + (NOW + 1) + "." + parts[2], "acme", "10.0.0.1", NOW)).isFalse();
        assertThat(gateway.verify(parts[0] + "." + NOW + "." + parts[2].substring(1) + "A", "acme", "10.0.0.1", NOW)).isFalse();
        for (String malformed : new String[] {null, "", "x", "a.b", "a.b.c", parts[0] + ".x." + parts[2], parts[0] + "." + NOW + ".***",
                "ffffffff." + NOW + "." + parts[2]}) {
            assertThat(gateway.verify(malformed, "acme", "10.0.0.1", NOW)).as(String.valueOf(malformed)).isFalse();
        }
    }

    @Test
    void duringARotationServicesAcceptTheOldKeyAndTheNew() {
        EdgeAssertion oldGateway = new EdgeAssertion(OLD, null);
        EdgeAssertion service = new EdgeAssertion(NEW, OLD);

        assertThat(service.verify(oldGateway.sign("acme", "10.0.0.1", NOW), "acme", "10.0.0.1", NOW)).isTrue();
        assertThat(service.verify(gateway.sign("acme", "10.0.0.1", NOW), "acme", "10.0.0.1", NOW)).isTrue();
        assertThat(gateway.verify(oldGateway.sign("acme", "10.0.0.1", NOW), "acme", "10.0.0.1", NOW)).isFalse();
    }
}
