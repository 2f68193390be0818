package io.parley.migrate;

import java.io.PrintStream;

/**
 * A bar per collection on stderr: redrawn in place on a terminal, one line per tenth elsewhere (a log keeps
 * them readable).
 */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private String collection = "";
    private long total;
    private long done;
    private int lastTenth = -1;
    private String lastLine = "";

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void start(String collection, long total) {
        this.collection = collection;
        this.total = total;
        this.done = 0;
        this.lastTenth = -1;
        this.lastLine = "";
        draw();
    }

    void advance(long documents) {
        done += documents;
        draw();
    }

    void finish() {
        if (terminal) {
            out.println();
        } else if (!line().equals(lastLine)) {
            print();
        }
        out.flush();
    }

    private void draw() {
        if (terminal) {
            out.print("\r" + line());
            out.flush();
            return;
        }
        int tenth = total == 0 ? 10 : (int) Math.min(10, done * 10 / total);
        if (tenth != lastTenth) {
            lastTenth = tenth;
            print();
        }
    }

    private void print() {
        lastLine = line();
        out.println(lastLine);
    }

    private String line() {
        int filled = total == 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / total);
        return String.format("%-18s [%s%s] %d/%d", collection, "#".repeat(filled), ".".repeat(WIDTH - filled), done, total);
    }

    /** Whether stderr is a terminal (a JDK whose console may be a redirection says so itself). */
    static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
