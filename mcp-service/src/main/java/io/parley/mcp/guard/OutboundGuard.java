package io.parley.mcp.guard;

import io.parley.common.error.ApiException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The SSRF guard for every outbound MCP URL (CVE-2025-69222 class): http(s) or ws(s) only, no user
 * info, and every address the host resolves to must be public — not loopback, link-local (which
 * holds the cloud metadata address 169.254.169.254), private (10/8, 172.16/12, 192.168/16, fc00::/7),
 * carrier-grade NAT (100.64/10), unspecified or multicast — unless the host is listed in
 * {@code mcpSettings.allowedDomains}. The check runs on the resolved addresses right before each
 * connection is opened, so a name that is re-pointed at an internal address (DNS rebinding) is
 * refused at the next connect; what remains is the short window between this lookup and the HTTP
 * client's own.
 */
@Component
public class OutboundGuard {

    private static final Set<String> SCHEMES = Set.of("http", "https", "ws", "wss");
    /** Metadata endpoints outside link-local: Alibaba's and AWS's IPv6 one. */
    private static final Set<String> METADATA = Set.of("100.100.100.200", "fd00:ec2:0:0:0:0:0:254");

    private final List<String> allowedDomains;

    public OutboundGuard(GuardSettings settings) {
        this.allowedDomains = settings.allowedDomains().stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    }

    /** @throws ApiException.Invalid naming why the URL may not be used */
    public URI check(String url) {
        URI uri = parse(url);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (allowed(host)) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new ApiException.Invalid("invalid_url", "The MCP server's host name does not resolve", List.of());
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new ApiException.Invalid("blocked_url",
                        "The MCP server's address is not allowed (loopback, private, link-local or metadata)", List.of());
            }
        }
        return uri;
    }

    /** Parses and checks the form only (scheme, host, no user info). */
    public static URI parse(String url) {
        if (url == null || url.isBlank() || url.length() > 2048) {
            throw ApiException.Invalid.field("url", "must be an http(s) or ws(s) URL of at most 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw ApiException.Invalid.field("url", "is not a valid URL");
        }
        if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
            throw ApiException.Invalid.field("url", "must be an http(s) or ws(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.Invalid.field("url", "may not carry credentials");
        }
        return uri;
    }

    private boolean allowed(String host) {
        for (String domain : allowedDomains) {
            if (domain.equals(host) || domain.startsWith("*.") && host.endsWith(domain.substring(1))) {
                return true;
            }
        }
        return false;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                || METADATA.contains(address.getHostAddress())) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) // CGNAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) && first < 240;
        }
        if (address instanceof Inet6Address v6) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // unique local fc00::/7
            }
            if (v6.isIPv4CompatibleAddress() || isMapped(b)) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
