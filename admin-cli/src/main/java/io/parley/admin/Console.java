package io.parley.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a command talks: lines out, the failure line alone on stderr, and prompts. Prompts are
 * asked only on a terminal ({@link #interactive()}); elsewhere (a script, a Kubernetes Job) a missing
 * value is a usage error naming the argument, never a hang on a read.
 */
public final class Console {

    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final java.io.@Nullable Console terminal;

    /**
     * @param interactive whether prompts may be asked, i.e. a person answers on {@code in}
     * @param terminal    the terminal, for reading secrets without echo; null to read them from {@code in}
     */
    public Console(BufferedReader in, PrintStream out, PrintStream err, boolean interactive,
                   java.io.@Nullable Console terminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.terminal = terminal;
    }

    /** The process's own: interactive when standard input and output are a terminal. */
    public static Console system() {
        java.io.Console terminal = System.console();
        boolean interactive = terminal != null && isTerminal(terminal);
        return new Console(new BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.Charset.defaultCharset())),
                System.out, System.err, interactive, interactive ? terminal : null);
    }

    /**
     * From JDK 22 {@code System.console()} answers even when input or output is redirected, and
     * {@code isTerminal()} tells; on 21 (the release built for) a console exists only on a terminal.
     */
    private static boolean isTerminal(java.io.Console console) {
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    public boolean interactive() {
        return interactive;
    }

    public void line(String text) {
        out.println(text);
    }

    /** The failure line. */
    public void error(String text) {
        err.println("Error: " + text);
    }

    /**
     * LibreChat's {@code askQuestion}: the question, then {@code > } on the next line.
     *
     * @param what names the argument in the usage error when there is nobody to ask
     */
    public String ask(String question, String what) {
        requireInteractive(what);
        out.print(question + "\n> ");
        out.flush();
        return read();
    }

    /** As {@link #ask}, without echo on a terminal. */
    public String askSecret(String question, String what) {
        requireInteractive(what);
        if (terminal != null) {
            char[] typed = terminal.readPassword("%s%n> ", question);
            return typed == null ? "" : new String(typed);
        }
        return ask(question, what);
    }

    /** A yes/no question; only {@code y} (any case) is yes, as in LibreChat's scripts. */
    public boolean confirm(String question, String what) {
        return ask(question, what).trim().toLowerCase(Locale.ROOT).equals("y");
    }

    /** LibreChat's {@code askMultiLineQuestion}: lines until one holding a single dot. */
    public String askLines(String question, String what) {
        requireInteractive(what);
        out.print(question + "\n> ");
        out.flush();
        StringBuilder text = new StringBuilder();
        for (String line = readOrNull(); line != null && !line.equals("."); line = readOrNull()) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(line);
        }
        return text.toString();
    }

    /** One line of standard input, for {@code --password-stdin} and the like; empty at its end. */
    public String readLine() {
        return read();
    }

    private void requireInteractive(String what) {
        if (!interactive) {
            throw new CliException("missing " + what + " (no terminal to ask on: give it as an argument)",
                    CliException.USAGE);
        }
    }

    private String read() {
        String line = readOrNull();
        return line == null ? "" : line;
    }

    private @Nullable String readOrNull() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
