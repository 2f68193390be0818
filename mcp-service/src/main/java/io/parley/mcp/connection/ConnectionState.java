package io.parley.mcp.connection;

/** LibreChat's {@code connectionState} values. */
public enum ConnectionState {
    CONNECTED("connected"), DISCONNECTED("disconnected"), CONNECTING("connecting"), ERROR("error");

    private final String wire;

    ConnectionState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
