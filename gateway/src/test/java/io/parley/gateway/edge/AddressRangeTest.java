package io.parley.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressRangeTest {

    @Test
    void matchesAddressesInsideACidrBlock() {
        AddressRange block = AddressRange.parse("10.0.0.0/8");
        assertThat(block.contains("10.42.1.7")).isTrue();
        assertThat(block.contains("11.0.0.1")).isFalse();
        assertThat(AddressRange.parse("127.0.0.1").contains("127.0.0.1")).isTrue();
        assertThat(AddressRange.parse("127.0.0.1").contains("127.0.0.2")).isFalse();
        assertThat(AddressRange.parse("fd00::/8").contains("fd12::1")).isTrue();
    }

    @Test
    void namesAreNeverResolved() {
        assertThat(AddressRange.literal("localhost")).isNull();
        assertThat(AddressRange.literal("abc")).isNull();
        assertThat(AddressRange.parse("127.0.0.0/8").contains("example.com")).isFalse();
        assertThatThrownBy(() -> AddressRange.parse("proxy.internal")).isInstanceOf(IllegalArgumentException.class);
    }
}
