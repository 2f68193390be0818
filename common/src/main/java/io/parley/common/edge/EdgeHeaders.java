package io.parley.common.edge;

/**
 * The headers the gateway sets on every request it forwards, named once for the gateway and every
 * service. A client's own copies are stripped at the gateway; a service believes them only with a
 * valid {@link #ASSERTION} (see {@link EdgeAssertion}).
 */
public final class EdgeHeaders {

    /** The tenant the gateway resolved from the host or a trusted proxy's header. */
    public static final String TENANT = "X-Parley-Tenant";
    /** The client's address as the gateway saw it (through trusted proxies). */
    public static final String CLIENT_IP = "X-Parley-Client-Ip";
    /** The gateway's signature over the tenant and the address. */
    public static final String ASSERTION = "X-Parley-Edge";

    private EdgeHeaders() {
    }
}
