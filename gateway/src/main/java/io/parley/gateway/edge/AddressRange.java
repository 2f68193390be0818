package io.parley.gateway.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IP address or CIDR block ({@code 10.0.0.0/8}, {@code ::1}); matching never resolves names. */
record AddressRange(byte[] network, int prefixBits) {

    private static final Pattern LITERAL = Pattern.compile("[0-9.]{7,15}|[0-9a-fA-F.]*:[0-9a-fA-F:.]*");

    static AddressRange parse(String spec) {
        String[] parts = spec.trim().split("/", 2);
        byte[] address = literal(parts[0]);
        if (address == null) {
            throw new IllegalArgumentException("Not an IP address or CIDR block: " + spec);
        }
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
        if (bits < 0 || bits > address.length * 8) {
            throw new IllegalArgumentException("Bad prefix length in " + spec);
        }
        return new AddressRange(address, bits);
    }

    boolean contains(String ip) {
        byte[] address = literal(ip);
        if (address == null || address.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixBits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The address's bytes, or null when the text is not an IP literal (no DNS look-up is made). */
    static byte[] literal(String text) {
        if (text == null || !LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
