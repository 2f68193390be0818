package io.parley.gateway.edge;

import org.springframework.web.server.ServerWebExchange;

/** What {@link EdgeRequestFilter} learned about a request, for the filters after it. */
public final class EdgeRequest {

    static final String REQUEST_ID = "parley.requestId";
    static final String CLIENT_IP = "parley.clientIp";
    static final String TENANT = "parley.tenant";
    static final String CLIENT_IS_PROXY = "parley.clientIsProxy";
    static final String PEER_TRUSTED = "parley.peerTrusted";

    private EdgeRequest() {
    }

    public static String requestId(ServerWebExchange exchange) {
        return exchange.getAttribute(REQUEST_ID);
    }

    /** The client's address: the connection's peer, or what a trusted proxy says it forwarded for. */
    public static String clientIp(ServerWebExchange exchange) {
        String ip = exchange.getAttribute(CLIENT_IP);
        return ip == null ? "unknown" : ip;
    }

    /**
     * Whether the client's address is one of our own trusted proxies (one that did not say whom it
     * forwarded for): it stands for many people and is never banned.
     */
    public static boolean clientIsProxy(ServerWebExchange exchange) {
        return Boolean.TRUE.equals(exchange.getAttribute(CLIENT_IS_PROXY));
    }

    /** Whether the connection comes from one of our trusted proxies, whose forwarded headers count. */
    public static boolean peerTrusted(ServerWebExchange exchange) {
        return Boolean.TRUE.equals(exchange.getAttribute(PEER_TRUSTED));
    }

    /** The tenant the host name (or a trusted proxy's header) selects. */
    public static String tenant(ServerWebExchange exchange) {
        return exchange.getAttribute(TENANT);
    }
}
