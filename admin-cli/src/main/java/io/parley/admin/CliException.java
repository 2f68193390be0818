package io.parley.admin;

/**
 * A command cannot go on: its message is the one line printed on stderr (after {@code Error: }), and the
 * process ends with {@link #exitCode()}.
 */
public final class CliException extends RuntimeException {

    /** Wrong use of the command line (an unknown option, a missing argument without a terminal to ask on). */
    public static final int USAGE = 2;
    /** Anything else: refused by the installation, not reachable, bad input. */
    public static final int FAILED = 1;

    private final int exitCode;

    public CliException(String message) {
        this(message, FAILED);
    }

    public CliException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
