package io.parley.mcp.connection;

/**
 * An MCP server that could not be used: unreachable, not speaking MCP, or too slow. HTTP answers 502
 * ({@link Kind#UNREACHABLE}) or 504 ({@link Kind#TIMEOUT}); gRPC UNAVAILABLE or DEADLINE_EXCEEDED.
 * The message is ours, never the server's text or a stack trace.
 */
public final class UpstreamFailure extends RuntimeException {

    public enum Kind { UNREACHABLE, TIMEOUT }

    private final Kind kind;

    public UpstreamFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public String error() {
        return kind == Kind.TIMEOUT ? "mcp_timeout" : "mcp_unreachable";
    }

    public int status() {
        return kind == Kind.TIMEOUT ? 504 : 502;
    }
}
