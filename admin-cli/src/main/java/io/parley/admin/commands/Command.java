package io.parley.admin.commands;

import java.util.Set;

/**
 * One admin command.
 *
 * @param usage   the arguments, as the help shows them
 * @param valued  its options that take a value
 * @param flags   its options that take none
 */
public record Command(String name, String usage, String summary, Set<String> valued, Set<String> flags, Action action) {

    /** What the command does once its arguments are parsed and it is signed in. */
    @FunctionalInterface
    public interface Action {
        void run(Invocation invocation);
    }
}
